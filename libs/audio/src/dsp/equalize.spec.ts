import { analyzeSpeech } from '../analysis/speech-analysis.js';
import { noise } from '../testing/signals.js';
import { equalize, equalizerGainDb } from './equalize.js';
import { Fft, hannWindow } from './fft.js';
import { SPECTRAL_BAND_COUNT, SPECTRAL_BANDS_HZ, spectralBandCentre } from './spectral-bands.js';

const RATE = 16000;

/** Welch estimate of the energy (dB) in each SPECTRAL_BANDS_HZ band. */
function bandEnergiesDb(samples: Float32Array): number[] {
  const size = 4096;
  const fft = new Fft(size);
  const window = hannWindow(size);
  const power = new Float64Array(size / 2 + 1);
  for (let start = 0; start + size <= samples.length; start += size / 2) {
    const real = new Float64Array(size);
    const imag = new Float64Array(size);
    for (let i = 0; i < size; i++) real[i] = samples[start + i]! * window[i]!;
    fft.forward(real, imag);
    for (let k = 0; k <= size / 2; k++) power[k]! += real[k]! ** 2 + imag[k]! ** 2;
  }
  return Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => {
    let sum = 0;
    for (let k = 0; k <= size / 2; k++) {
      const hz = (k * RATE) / size;
      if (hz >= SPECTRAL_BANDS_HZ[band]! && hz < SPECTRAL_BANDS_HZ[band + 1]!) sum += power[k]!;
    }
    return 10 * Math.log10(sum);
  });
}

describe('equalize', () => {
  const white = noise(RATE, 8, 0.3).samples;

  it('returns the input untouched for all-zero gains', () => {
    expect(equalize(white, RATE, new Array(SPECTRAL_BAND_COUNT).fill(0))).toBe(white);
  });

  it('has one gain per band and glides between neighbours', () => {
    expect(() => equalize(white, RATE, [1, 2, 3])).toThrow(RangeError);
    const gains = new Array(SPECTRAL_BAND_COUNT).fill(0);
    gains[5] = 6;
    expect(equalizerGainDb(gains, spectralBandCentre(5))).toBe(6);
    expect(equalizerGainDb(gains, SPECTRAL_BANDS_HZ[5]!)).toBeCloseTo(3, 9);
    expect(equalizerGainDb(gains, spectralBandCentre(3))).toBe(0);
    expect(equalizerGainDb(gains, 20)).toBe(0);
  });

  it.each([3, 6, 9])('+6 dB in band %i raises that band by about 6 dB and leaves far bands within 1 dB', (band) => {
    const gains = new Array(SPECTRAL_BAND_COUNT).fill(0);
    gains[band] = 6;
    const out = equalize(white, RATE, gains);
    expect(out).toHaveLength(white.length);
    const before = bandEnergiesDb(white);
    const after = bandEnergiesDb(out);
    expect(after[band]! - before[band]!).toBeGreaterThan(5);
    expect(after[band]! - before[band]!).toBeLessThan(6.5);
    for (let other = 0; other < SPECTRAL_BAND_COUNT; other++) {
      if (Math.abs(other - band) >= 2) expect(Math.abs(after[other]! - before[other]!)).toBeLessThan(1);
    }
  });

  it('keeps the timing of the signal (linear phase, delay compensated)', () => {
    const impulse = new Float32Array(RATE);
    impulse[8000] = 1;
    const gains = Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => (band % 2 ? -4 : 4));
    const out = equalize(impulse, RATE, gains);
    let peakAt = 0;
    out.forEach((value, i) => {
      if (Math.abs(value) > Math.abs(out[peakAt]!)) peakAt = i;
    });
    expect(peakAt).toBe(8000);
  });
});

describe('equalize and the analysis envelope', () => {
  it('moves the measured spectral envelope by the gains (less their mean) for a smooth correction', () => {
    const white = noise(RATE, 6, 0.2, 5).samples;
    const gains = Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => -4 + (8 * band) / (SPECTRAL_BAND_COUNT - 1));
    const before = analyzeSpeech(white, RATE).spectral_envelope;
    const after = analyzeSpeech(equalize(white, RATE, gains), RATE).spectral_envelope;
    const meanGain = gains.reduce((sum, gain) => sum + gain, 0) / gains.length;
    for (let band = 1; band < SPECTRAL_BAND_COUNT - 1; band++) {
      expect(Math.abs(after[band]! - before[band]! - (gains[band]! - meanGain))).toBeLessThan(0.75);
    }
  });
});

import { trackPitch, medianPitch } from '../analysis/pitch-tracker.js';
import { analyzeSpeech } from '../analysis/speech-analysis.js';
import { equalize } from './equalize.js';
import { SPECTRAL_BAND_COUNT } from './spectral-bands.js';
import { noise, rms } from '../testing/signals.js';
import { harmonicTone } from './harmonic-tone.js';
import { shiftPitch } from './pitch-shift.js';
import { timeStretch } from './time-stretch.js';

const RATE = 16000;

describe('shiftPitch', () => {
  const tone = harmonicTone(RATE, 200, 2, { syllablesPerSecond: 3 });

  it.each([1.25, 0.8, 2 ** (3 / 12), 0.5, 2])('multiplies a 200 Hz tone by %f and keeps its duration', (factor) => {
    const shifted = shiftPitch(tone, RATE, factor);
    expect(shifted).toHaveLength(tone.length);
    const measured = medianPitch(trackPitch(shifted, RATE));
    expect(Math.abs(measured / (200 * factor) - 1)).toBeLessThan(0.02);
    // No level collapse or blow-up in the middle (phase cancellation would show here).
    const middle = (x: Float32Array): Float32Array => x.subarray(RATE / 2, (3 * RATE) / 2);
    expect(rms(middle(shifted)) / rms(middle(tone))).toBeGreaterThan(0.7);
    expect(rms(middle(shifted)) / rms(middle(tone))).toBeLessThan(1.3);
  });

  it.each([0.7, 2 ** (3 / 12), 1.6])('keeps a steady tone one unchanging waveform at %f (no phasiness, no clicks)', (factor) => {
    const steady = harmonicTone(RATE, 170, 2);
    const shifted = shiftPitch(steady, RATE, factor);
    // Every 5 ms, a 20 ms stretch must repeat itself one period later: frames that were overlap-added out of
    // phase would change the waveform from period to period (and show as a level dip or a click).
    const period = RATE / (170 * factor);
    const length = RATE / 50;
    let worst = 1;
    for (let start = RATE / 4; start + length + period + 3 < shifted.length - RATE / 4; start += RATE / 200) {
      let best = -1;
      for (let lag = Math.floor(period) - 1; lag <= Math.ceil(period) + 1; lag++) {
        let dot = 0;
        let a = 0;
        let b = 0;
        for (let i = start; i < start + length; i++) {
          dot += shifted[i]! * shifted[i + lag]!;
          a += shifted[i]! ** 2;
          b += shifted[i + lag]! ** 2;
        }
        best = Math.max(best, dot / Math.sqrt(a * b));
      }
      worst = Math.min(worst, best);
    }
    expect(worst).toBeGreaterThan(0.97);
  });

  it.each([0.75, 2 ** (3 / 12), 1.5])('keeps the formants of a vowel where they were at %f (moves them with formants: shift)', (factor) => {
    // A "vowel": a 130 Hz harmonic tone with +12 dB resonances in the 545–800 Hz and 1.7–2.5 kHz bands.
    const resonances = Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => (band === 5 || band === 8 ? 12 : 0));
    const vowel = equalize(harmonicTone(RATE, 130, 2, { harmonics: 55 }), RATE, resonances);
    const envelope = (samples: Float32Array): number[] => analyzeSpeech(samples, RATE).spectral_envelope;
    const original = envelope(vowel);
    // Shape only: the bands' common offset moves with the fundamental's band, which the normalisation includes.
    const deviation = (other: number[]): number => {
      const differences = [5, 6, 7, 8, 9, 10].map((band) => other[band]! - original[band]!);
      const offset = differences.reduce((sum, difference) => sum + difference, 0) / differences.length;
      return differences.reduce((sum, difference) => sum + Math.abs(difference - offset), 0) / differences.length;
    };
    const preserved = deviation(envelope(shiftPitch(vowel, RATE, factor)));
    const moved = deviation(envelope(shiftPitch(vowel, RATE, factor, { formants: 'shift' })));
    expect(preserved).toBeLessThan(2.5);
    expect(moved).toBeGreaterThan(2 * preserved);
  });

  it('returns the input for factor 1 and refuses factors outside 0.5–2', () => {
    expect(shiftPitch(tone, RATE, 1)).toBe(tone);
    expect(() => shiftPitch(tone, RATE, 2.5)).toThrow(RangeError);
    expect(() => shiftPitch(tone, RATE, 0.4)).toThrow(RangeError);
    expect(shiftPitch(new Float32Array(0), RATE, 1.5)).toHaveLength(0);
  });

  it('keeps a silent stretch silent and a noise level steady', () => {
    const signal = new Float32Array(RATE * 2);
    signal.set(noise(RATE, 1, 0.2).samples, RATE / 2);
    const shifted = shiftPitch(signal, RATE, 1.3);
    expect(rms(shifted.subarray(0, RATE / 4))).toBeLessThan(1e-4);
    expect(rms(shifted.subarray(RATE * 0.75, RATE * 1.25)) / rms(signal.subarray(RATE * 0.75, RATE * 1.25))).toBeGreaterThan(0.6);
  });
});

describe('timeStretch', () => {
  it.each([0.5, 1.5, 2])('stretches time by %f at the same pitch', (stretch) => {
    const tone = harmonicTone(RATE, 150, 1.5);
    const stretched = timeStretch(tone, RATE, stretch);
    expect(stretched).toHaveLength(Math.round(tone.length * stretch));
    expect(Math.abs(medianPitch(trackPitch(stretched, RATE)) / 150 - 1)).toBeLessThan(0.02);
  });
});

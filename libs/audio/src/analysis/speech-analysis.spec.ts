import { harmonicTone } from '../dsp/harmonic-tone.js';
import { SPECTRAL_BAND_COUNT } from '../dsp/spectral-bands.js';
import { noise, sine } from '../testing/signals.js';
import { integratedLoudness } from './loudness.js';
import { analyzeSpeech } from './speech-analysis.js';

const RATE = 16000;

/** Voice-like test signal: 6 s of a 4-syllable-per-second harmonic tone between short pauses. */
function voiceLike(fundamentalHz = 150): Float32Array {
  const out = new Float32Array(RATE * 8);
  out.set(harmonicTone(RATE, fundamentalHz, 3, { syllablesPerSecond: 4, amplitude: 0.4 }), RATE * 0.5);
  out.set(harmonicTone(RATE, fundamentalHz * 1.1, 3, { syllablesPerSecond: 4, amplitude: 0.4 }), RATE * 4.5);
  return out;
}

function scaled(samples: Float32Array, gain: number): Float32Array {
  return samples.map((value) => value * gain);
}

function withNoise(samples: Float32Array, snrDb: number): Float32Array {
  let power = 0;
  let active = 0;
  for (const value of samples) if (value !== 0) [power, active] = [power + value * value, active + 1];
  const white = noise(RATE, samples.length / RATE, 1, 7).samples;
  const noiseRms = Math.sqrt(power / active / 10 ** (snrDb / 10)) / Math.sqrt(1 / 3);
  return samples.map((value, i) => value + white[i]! * noiseRms);
}

describe('analyzeSpeech', () => {
  it('reads a 1 kHz full-scale sine at about −3 LUFS, 0 dBFS peak, no clipping', () => {
    const analysis = analyzeSpeech(sine(RATE, 1000, 5, 1).samples, RATE);
    expect(analysis.loudness_lufs).toBeCloseTo(-3.01, 1);
    expect(analysis.peak_dbfs).toBeCloseTo(0, 2);
    expect(analysis.clipping_ratio).toBe(0);
    expect(analysis.duration).toBe(5);
    expect(analysis.sample_rate).toBe(RATE);
  });

  it.each([8000, 22050, 44100, 48000])('K-weights at %i Hz: a 1 kHz full-scale sine reads −3 LUFS', (rate) => {
    expect(integratedLoudness(sine(rate, 1000, 3, 1).samples, rate)).toBeCloseTo(-3.01, 1);
  });

  it('follows the K-weighting curve: +4 dB shelf at high frequencies, cut below 100 Hz', () => {
    expect(integratedLoudness(sine(48000, 10000, 3, 1).samples, 48000)).toBeGreaterThan(-0.5);
    expect(integratedLoudness(sine(48000, 30, 3, 1).samples, 48000)).toBeLessThan(-5);
  });

  it('measures the pitch of a 150 Hz tone within 2 %', () => {
    const analysis = analyzeSpeech(harmonicTone(RATE, 150, 3), RATE);
    expect(Math.abs(analysis.pitch.median_hz / 150 - 1)).toBeLessThan(0.02);
    expect(analysis.voiced_ratio).toBeGreaterThan(0.9);
    // A steady signal is all active, not all silent.
    expect(analysis.silence_ratio).toBeLessThan(0.05);
  });

  it.each([8000, 22050, 24000, 44100, 48000])('measures pitch and envelope at %i Hz', (rate) => {
    const analysis = analyzeSpeech(harmonicTone(rate, 150, 2, { syllablesPerSecond: 4 }), rate);
    expect(Math.abs(analysis.pitch.median_hz / 150 - 1)).toBeLessThan(0.02);
    expect(analysis.spectral_envelope).toHaveLength(SPECTRAL_BAND_COUNT);
    expect(analysis.spectral_envelope.every(Number.isFinite)).toBe(true);
  });

  it('describes a voice-like signal: silence share, pitch range, rate, envelope', () => {
    const analysis = analyzeSpeech(voiceLike(), RATE);
    expect(analysis.silence_ratio).toBeGreaterThan(0.2);
    expect(analysis.silence_ratio).toBeLessThan(0.3);
    expect(analysis.pitch.min_hz).toBeGreaterThan(145);
    expect(analysis.pitch.max_hz).toBeLessThan(170);
    expect(analysis.speaking_rate).toBeGreaterThan(3.5);
    expect(analysis.speaking_rate).toBeLessThan(4.5);
    expect(analysis.spectral_envelope).toHaveLength(SPECTRAL_BAND_COUNT);
    expect(analysis.snr_db).toBeGreaterThan(60);
    expect(analysis.quality_issues).toEqual([]);
    expect(analysis.quality_score).toBe(10);
  });

  it('scores a clean recording above the same with white noise at 10 dB SNR, and says why', () => {
    const clean = analyzeSpeech(voiceLike(), RATE);
    const noisy = analyzeSpeech(withNoise(voiceLike(), 10), RATE);
    expect(noisy.snr_db).toBeGreaterThan(5);
    expect(noisy.snr_db).toBeLessThan(16);
    expect(noisy.quality_score).toBeLessThan(clean.quality_score - 2);
    expect(noisy.quality_issues.some((issue) => issue.startsWith('background noise (SNR'))).toBe(true);
  });

  it('reports clipping', () => {
    const clipped = scaled(voiceLike(), 4).map((value) => Math.max(-1, Math.min(1, value)));
    const analysis = analyzeSpeech(clipped, RATE);
    expect(analysis.clipping_ratio).toBeGreaterThan(0.01);
    expect(analysis.quality_issues.some((issue) => /^clipping \d+\.\d %$/.test(issue))).toBe(true);
    expect(analyzeSpeech(voiceLike(), RATE).clipping_ratio).toBe(0);
  });

  it('says too quiet at −40 LUFS', () => {
    const loud = analyzeSpeech(voiceLike(), RATE);
    const quiet = analyzeSpeech(scaled(voiceLike(), 10 ** ((-40 - loud.loudness_lufs) / 20)), RATE);
    expect(quiet.loudness_lufs).toBeCloseTo(-40, 1);
    expect(quiet.quality_issues).toContain('too quiet (-40.0 LUFS)');
    expect(quiet.quality_score).toBeLessThan(loud.quality_score);
  });

  it('flags short clips, mostly silent ones, and plain silence', () => {
    expect(analyzeSpeech(harmonicTone(RATE, 150, 0.8), RATE).quality_issues).toContain('too short (0.8 s)');
    const sparse = new Float32Array(RATE * 10);
    sparse.set(harmonicTone(RATE, 150, 2, { syllablesPerSecond: 4 }), RATE);
    expect(analyzeSpeech(sparse, RATE).quality_issues.some((issue) => issue.startsWith('mostly silence'))).toBe(true);
    const silent = analyzeSpeech(new Float32Array(RATE * 3), RATE);
    expect(silent).toMatchObject({ quality_score: 0, quality_issues: ['no speech (silence)'], loudness_lufs: -120, peak_dbfs: -120 });
    expect(silent.pitch).toEqual({ median_hz: 0, min_hz: 0, max_hz: 0 });
  });

  it('copes with empty and tiny inputs and refuses a bad rate', () => {
    for (const samples of [new Float32Array(0), new Float32Array(5).fill(0.1)]) {
      const analysis = analyzeSpeech(samples, RATE);
      expect(analysis.spectral_envelope).toHaveLength(SPECTRAL_BAND_COUNT);
      expect(
        [...Object.values(analysis).flat(), ...Object.values(analysis.pitch)].every(
          (value) => typeof value !== 'number' || Number.isFinite(value),
        ),
      ).toBe(true);
      expect(analysis.quality_score).toBeLessThanOrEqual(6);
    }
    expect(() => analyzeSpeech(new Float32Array(10), 0)).toThrow(RangeError);
  });

  it('finds little voicing in white noise', () => {
    const analysis = analyzeSpeech(noise(RATE, 5, 0.3).samples, RATE);
    expect(analysis.voiced_ratio).toBeLessThan(0.1);
    expect(analysis.quality_issues.some((issue) => issue.startsWith('little voiced speech'))).toBe(true);
  });

  it('gives a flat envelope for white noise and a falling one for a 1/k harmonic tone', () => {
    const flat = analyzeSpeech(noise(RATE, 5, 0.3).samples, RATE).spectral_envelope;
    flat.slice(1).forEach((level) => expect(Math.abs(level)).toBeLessThan(1.5));
    const falling = analyzeSpeech(harmonicTone(RATE, 100, 3, { harmonics: 70 }), RATE).spectral_envelope;
    expect(falling[2]!).toBeGreaterThan(falling[8]! + 10);
  });
});

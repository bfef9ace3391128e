import { applyGain, softLimit } from './gain.js';
import { concatWithGap, durationSeconds, pcmAudio, silence } from './pcm-audio.js';
import { sine } from '../testing/signals.js';

describe('PcmAudio helpers', () => {
  it('reports duration from length and rate', () => {
    expect(durationSeconds(sine(16000, 440, 1.5))).toBe(1.5);
    expect(durationSeconds(pcmAudio(22050, new Float32Array(0)))).toBe(0);
  });

  it('rejects nonsense sample rates', () => {
    expect(() => pcmAudio(0, new Float32Array(1))).toThrow(RangeError);
    expect(() => pcmAudio(44100.5, new Float32Array(1))).toThrow(RangeError);
  });

  it('concatenates with a silent gap between parts only', () => {
    const a = pcmAudio(1000, Float32Array.of(0.1, 0.2));
    const b = pcmAudio(1000, Float32Array.of(0.3));
    const joined = concatWithGap([a, b, a], 0.003);
    expect(Array.from(joined.samples)).toEqual([0.1, 0.2, 0, 0, 0, 0.3, 0, 0, 0, 0.1, 0.2].map((value) => Math.fround(value)));
    expect(concatWithGap([a]).samples).toEqual(a.samples);
  });

  it('refuses to concatenate different sample rates or nothing', () => {
    expect(() => concatWithGap([silence(8000, 0.1), silence(16000, 0.1)])).toThrow(/resample/);
    expect(() => concatWithGap([])).toThrow(RangeError);
  });
});

describe('gain with a soft limiter', () => {
  it('is linear below the knee', () => {
    const quiet = sine(8000, 100, 0.1, 0.2);
    const louder = applyGain(quiet, 2);
    quiet.samples.forEach((sample, i) => expect(louder.samples[i]).toBeCloseTo(sample * 2, 6));
  });

  it('writes over the input only when asked to', () => {
    const audio = sine(8000, 100, 0.1, 0.2);
    const original = Float32Array.from(audio.samples);
    const copy = applyGain(audio, 3);
    expect(copy.samples).not.toBe(audio.samples);
    expect(audio.samples).toEqual(original);
    const same = applyGain(audio, 3, { inPlace: true });
    expect(same.samples).toBe(audio.samples);
    expect(same.samples).toEqual(copy.samples);
  });

  it('never reaches full scale however large the gain', () => {
    const loud = applyGain(sine(8000, 100, 0.1, 0.9), 50);
    const peak = Math.max(...loud.samples.map(Math.abs));
    expect(peak).toBeLessThan(1);
    expect(peak).toBeGreaterThan(0.95);
  });

  it('is monotonic and continuous at the knee', () => {
    expect(softLimit(0.9)).toBeCloseTo(0.9, 9);
    expect(softLimit(0.9001)).toBeGreaterThan(0.9);
    expect(softLimit(2)).toBeGreaterThan(softLimit(1.5));
    expect(softLimit(-2)).toBeCloseTo(-softLimit(2), 9);
  });

  it('rejects a negative or infinite factor', () => {
    expect(() => applyGain(silence(8000, 0.1), -1)).toThrow(RangeError);
    expect(() => applyGain(silence(8000, 0.1), Infinity)).toThrow(RangeError);
  });
});

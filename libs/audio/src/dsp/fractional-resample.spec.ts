import { dominantFrequency, rms, sine } from '../testing/signals.js';
import { readAtStep } from './fractional-resample.js';

const RATE = 16000;

describe('readAtStep', () => {
  const tone = sine(RATE, 1000, 1, 0.5).samples;

  it.each([
    [1.5, 1500],
    [0.5, 500],
    [2 ** (3 / 12), 1189],
  ])('step %f plays a 1 kHz tone at %i Hz with its level', (step, expected) => {
    const out = readAtStep(tone, step, Math.floor(tone.length / step));
    const middle = out.subarray(1000, out.length - 1000);
    expect(Math.abs(dominantFrequency(middle, RATE, expected - 30, expected + 30) - expected)).toBeLessThanOrEqual(1);
    expect(rms(middle) / rms(tone)).toBeCloseTo(1, 2);
  });

  it('removes what would fold over the new Nyquist frequency', () => {
    const high = sine(RATE, 6000, 1, 0.5).samples;
    const out = readAtStep(high, 2, RATE / 2);
    expect(rms(out.subarray(500, 7500))).toBeLessThan(0.005);
  });

  it('passes an in-band tone through at step 1 (away from the ends)', () => {
    const out = readAtStep(tone, 1, tone.length);
    for (let i = 100; i < tone.length - 100; i++) expect(Math.abs(out[i]! - tone[i]!)).toBeLessThan(2e-3);
  });
});

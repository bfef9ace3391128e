import { concatWithGap } from './pcm-audio.js';
import { Resampler, resample, SUPPORTED_SAMPLE_RATES } from './resampler.js';
import { dominantFrequency, rms, sine, toneMagnitude } from '../testing/signals.js';

describe('resample', () => {
  const pairs = [
    [22050, 48000],
    [48000, 8000],
    [16000, 44100],
    [24000, 22050],
  ] as const;

  it.each(pairs)('%i → %i Hz keeps a 440 Hz sine at 440 Hz and the right length', (from, to) => {
    const input = sine(from, 440, 1);
    const output = resample(input, to);
    expect(output.sampleRate).toBe(to);
    expect(output.samples.length).toBe(Math.round((input.samples.length * to) / from));
    expect(dominantFrequency(output.samples.subarray(1000, -1000), to, 400, 480)).toBe(440);
    expect(rms(output.samples.subarray(1000, -1000))).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('falls back to the interpolated kernel when the rate ratio has too many phases to precompute', () => {
    const output = resample(sine(96000, 440, 0.5), 24001);
    expect(output.samples.length).toBe(12001);
    expect(dominantFrequency(output.samples.subarray(500, -500), 24001, 400, 480)).toBe(440);
  });

  it('removes content above the new Nyquist frequency instead of folding it back', () => {
    const high = sine(48000, 6000, 0.5);
    const down = resample(high, 8000);
    // Without filtering, 6 kHz would alias to 2 kHz at 8 kHz.
    expect(toneMagnitude(down.samples, 8000, 2000)).toBeLessThan(0.001);
  });

  it('gives the same result in chunks as whole', () => {
    const input = concatWithGap([sine(22050, 300, 0.3), sine(22050, 900, 0.2)]);
    const whole = resample(input, 48000).samples;
    const resampler = new Resampler(22050, 48000);
    const chunks = [1, 500, 4096, 17].map((size, i, sizes) => {
      const start = sizes.slice(0, i).reduce((a, b) => a + b, 0);
      return resampler.append(input.samples.subarray(start, start + size));
    });
    const consumed = [1, 500, 4096, 17].reduce((a, b) => a + b, 0);
    chunks.push(resampler.append(input.samples.subarray(consumed)), resampler.end());
    const joined = Float32Array.from(chunks.flatMap((chunk) => Array.from(chunk)));
    expect(joined.length).toBe(whole.length);
    joined.forEach((value, i) => expect(Math.abs(value - whole[i]!)).toBeLessThan(1e-6));
  });

  it('handles empty input and a single sample', () => {
    expect(resample({ sampleRate: 16000, channels: 1, samples: new Float32Array(0) }, 48000).samples.length).toBe(0);
    expect(resample({ sampleRate: 16000, channels: 1, samples: Float32Array.of(0.5) }, 48000).samples.length).toBe(3);
  });

  it('returns the same audio when the rate already matches', () => {
    const input = sine(24000, 440, 0.1);
    expect(resample(input, 24000)).toBe(input);
  });

  it('lists the rates the API offers', () => {
    expect(SUPPORTED_SAMPLE_RATES).toEqual([8000, 16000, 22050, 24000, 44100, 48000]);
  });
});

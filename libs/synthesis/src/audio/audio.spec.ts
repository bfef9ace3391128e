import { pcm16Bytes, toPcm16 } from './pcm16.js';
import { resample, resampledLength } from './resample.js';
import { encodeWav } from './wav.js';

function sine(frequency: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate));
}

function rms(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / samples.length);
}

describe('WAV', () => {
  it('writes a 44-byte mono 16-bit header and the samples', () => {
    const wav = encodeWav(Int16Array.from([1, -2, 32767]), 16000);
    expect(wav.length).toBe(44 + 6);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(36 + 6);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(16000);
    expect(wav.readUInt32LE(28)).toBe(32000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString('ascii', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(6);
    expect(wav.readInt16LE(46)).toBe(-2);
  });

  it('pcm is little-endian s16', () => {
    expect([...pcm16Bytes(Int16Array.from([258, -1]))]).toEqual([2, 1, 255, 255]);
  });
});

describe('volume with a limiter', () => {
  it('applies the gain when there is headroom', () => {
    const out = toPcm16(Float32Array.from([0.25, -0.25]), 2);
    expect(Math.abs(out[0]! - 16384)).toBeLessThanOrEqual(1);
    expect(Math.abs(out[1]! + 16384)).toBeLessThanOrEqual(1);
  });

  it('never clips: a loud gain is limited to the ceiling and keeps the shape', () => {
    const out = toPcm16(Float32Array.from([0.8, -0.4, 0.2]), 2);
    expect(Math.max(...out.map(Math.abs))).toBeLessThan(32767);
    expect(out[0]! / out[1]!).toBeCloseTo(-2, 2);
  });

  it('volume 0 is silence', () => {
    expect([...toPcm16(Float32Array.from([0.5, -0.5]), 0)].every((v) => v === 0)).toBe(true);
  });
});

describe('resample', () => {
  it.each([
    [16000, 8000],
    [16000, 22050],
    [16000, 44100],
    [16000, 48000],
  ])('%d → %d keeps the duration and the level of an in-band tone', (from, to) => {
    const input = sine(440, from, 0.5);
    const output = resample(input, from, to);
    expect(output.length).toBe(resampledLength(input.length, from, to));
    expect(output.length / to).toBeCloseTo(0.5, 3);
    const middle = output.subarray(Math.floor(output.length / 4), Math.floor((3 * output.length) / 4));
    expect(rms(middle)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('removes content above the new Nyquist frequency when going down', () => {
    const output = resample(sine(6000, 16000, 0.5), 16000, 8000);
    const middle = output.subarray(1000, 3000);
    expect(rms(middle)).toBeLessThan(0.01);
  });
});

import { applyGain } from './gain.js';
import { pcmAudio } from './pcm-audio.js';
import { floatToInt16, int16ToFloat, int16ToLittleEndianBytes, writeInt16LittleEndian } from './sample-format.js';

describe('floatToInt16', () => {
  it('rounds like Math.round of the scaled sample, ties included', () => {
    const values = [0, 0.5 / 32767, -0.5 / 32767, 1.5 / 32767, -1.5 / 32767, 0.25, -0.25, 0.123456, -0.987654, 1, -1];
    for (let i = 0; i < 2000; i++) values.push(Math.sin(i * 0.37) * 0.999);
    const out = floatToInt16(Float32Array.from(values));
    Float32Array.from(values).forEach((value, i) => expect(out[i]).toBe(Math.round(value * 32767) || 0)); // an Int16Array holds no -0
  });

  it('clamps out-of-range samples and turns NaN into silence', () => {
    expect([...floatToInt16(Float32Array.from([1.5, -3, Number.NaN, Infinity, -Infinity]))]).toEqual([32767, -32767, 0, 32767, -32767]);
  });

  it('writes into a given array', () => {
    const target = new Int16Array(3);
    expect(floatToInt16(Float32Array.from([0.5, -0.5, 0]), target)).toBe(target);
    expect([...target]).toEqual([16384, -16383, 0]);
  });
});

describe('int16ToLittleEndianBytes', () => {
  it('lays out each sample low byte first', () => {
    expect([...int16ToLittleEndianBytes(Int16Array.from([1, -2, 0x1234]))]).toEqual([1, 0, 0xfe, 0xff, 0x34, 0x12]);
  });

  it('round-trips through int16ToFloat', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768]);
    expect([...floatToInt16(int16ToFloat(samples)).slice(0, 4)]).toEqual([0, 1, -1, 32766]);
  });
});

describe('writeInt16LittleEndian', () => {
  it('writes the samples after an offset, odd offsets included', () => {
    const samples = Float32Array.from([0.5, -0.5, 1]);
    for (const offset of [0, 3, 44]) {
      const target = new Uint8Array(offset + 6).fill(7);
      writeInt16LittleEndian(samples, target, offset);
      expect([...target.subarray(0, offset)].every((byte) => byte === 7)).toBe(true);
      expect([...target.subarray(offset)]).toEqual([...int16ToLittleEndianBytes(floatToInt16(samples))]);
    }
  });

  it('refuses a target without room for every sample', () => {
    expect(() => writeInt16LittleEndian(new Float32Array(4), new Uint8Array(9), 2)).toThrow(RangeError);
  });
});

describe('floatToInt16 with a gain', () => {
  it('gives what applyGain then floatToInt16 give, limiter included (within the float32 rounding applyGain adds)', () => {
    const samples = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i * 0.05) * 0.7);
    for (const gain of [0, 0.5, 1, 1.6, 40]) {
      const separate = floatToInt16(applyGain(pcmAudio(16000, samples), gain).samples);
      const fused = floatToInt16(samples, undefined, gain);
      expect(Math.max(...fused.map((value, i) => Math.abs(value - separate[i]!)))).toBeLessThanOrEqual(1);
      expect(Math.max(...fused.map(Math.abs))).toBeLessThan(32767);
    }
    expect(Float32Array.from(samples)).toEqual(samples);
  });

  it('refuses a negative or non-finite gain', () => {
    expect(() => floatToInt16(new Float32Array(2), undefined, -1)).toThrow(RangeError);
    expect(() => floatToInt16(new Float32Array(2), undefined, Number.NaN)).toThrow(RangeError);
  });
});

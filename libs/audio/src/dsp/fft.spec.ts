import { Fft, hannWindow, nextPowerOfTwo } from './fft.js';

describe('Fft', () => {
  it('matches a direct DFT and inverts back', () => {
    const size = 64;
    const real = Float64Array.from({ length: size }, (_, i) => Math.sin(i * 0.7) + 0.3 * Math.cos(i * 2.1) + (i % 5) * 0.1);
    const imag = Float64Array.from({ length: size }, (_, i) => 0.2 * Math.sin(i * 1.3));
    const [inputReal, inputImag] = [real.slice(), imag.slice()];
    new Fft(size).forward(real, imag);
    for (const k of [0, 1, 7, 31, 32, 63]) {
      let sumReal = 0;
      let sumImag = 0;
      for (let n = 0; n < size; n++) {
        const angle = (-2 * Math.PI * k * n) / size;
        sumReal += inputReal[n]! * Math.cos(angle) - inputImag[n]! * Math.sin(angle);
        sumImag += inputReal[n]! * Math.sin(angle) + inputImag[n]! * Math.cos(angle);
      }
      expect(real[k]).toBeCloseTo(sumReal, 9);
      expect(imag[k]).toBeCloseTo(sumImag, 9);
    }
    new Fft(size).inverse(real, imag);
    real.forEach((value, i) => expect(value).toBeCloseTo(inputReal[i]!, 12));
    imag.forEach((value, i) => expect(value).toBeCloseTo(inputImag[i]!, 12));
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => new Fft(48)).toThrow(RangeError);
  });

  it('has helpers for sizes and windows', () => {
    expect(nextPowerOfTwo(400)).toBe(512);
    expect(nextPowerOfTwo(512)).toBe(512);
    const window = hannWindow(8);
    // Periodic Hann at half-length hop sums to one.
    for (let i = 0; i < 4; i++) expect(window[i]! + window[i + 4]!).toBeCloseTo(1, 12);
  });
});

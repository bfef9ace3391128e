/**
 * In-place iterative radix-2 complex FFT with precomputed twiddles and bit-reversal table, so that the many
 * same-size transforms of a frame-by-frame analysis cost only the butterflies.
 */
export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two: ${size}`);
    this.size = size;
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
    this.reversed = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
  }

  /** Forward transform (e^{-i…}) of `real` + i·`imag`, in place. */
  forward(real: Float64Array, imag: Float64Array): void {
    this.transform(real, imag, 1);
  }

  /** Inverse transform, scaled by 1/size, in place. */
  inverse(real: Float64Array, imag: Float64Array): void {
    this.transform(real, imag, -1);
    const scale = 1 / this.size;
    for (let i = 0; i < this.size; i++) {
      real[i]! *= scale;
      imag[i]! *= scale;
    }
  }

  private transform(real: Float64Array, imag: Float64Array, direction: 1 | -1): void {
    const n = this.size;
    for (let i = 0; i < n; i++) {
      const j = this.reversed[i]!;
      if (j > i) {
        const tr = real[i]!;
        real[i] = real[j]!;
        real[j] = tr;
        const ti = imag[i]!;
        imag[i] = imag[j]!;
        imag[j] = ti;
      }
    }
    const cos = this.cos;
    const sin = this.sin;
    for (let half = 1; half < n; half <<= 1) {
      const stride = n / (2 * half);
      for (let start = 0; start < n; start += 2 * half) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * stride]!;
          const wi = direction * sin[k * stride]!;
          const a = start + k;
          const b = a + half;
          const br = real[b]!;
          const bi = imag[b]!;
          const tr = br * wr - bi * wi;
          const ti = br * wi + bi * wr;
          real[b] = real[a]! - tr;
          imag[b] = imag[a]! - ti;
          real[a]! += tr;
          imag[a]! += ti;
        }
      }
    }
  }
}

/**
 * Power spectrum of a real frame of up to `fft.size` samples (zero-padded), bins 0..size/2.
 * `window` (same length as the frame) is applied first when given. Scratch arrays are reused by the caller.
 */
export function powerSpectrum(
  fft: Fft,
  frame: ArrayLike<number>,
  window: ArrayLike<number> | undefined,
  real: Float64Array,
  imag: Float64Array,
  out: Float64Array,
): void {
  real.fill(0);
  imag.fill(0);
  const length = Math.min(frame.length, fft.size);
  if (window) for (let i = 0; i < length; i++) real[i] = frame[i]! * window[i]!;
  else for (let i = 0; i < length; i++) real[i] = frame[i]!;
  fft.forward(real, imag);
  for (let k = 0; k <= fft.size / 2; k++) out[k] = real[k]! * real[k]! + imag[k]! * imag[k]!;
}

export function nextPowerOfTwo(value: number): number {
  let size = 1;
  while (size < value) size <<= 1;
  return size;
}

/** Periodic Hann window: at a hop of length/2 (or length/4) the shifted copies sum to a constant. */
export function hannWindow(length: number): Float64Array {
  const window = new Float64Array(length);
  for (let i = 0; i < length; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length);
  return window;
}

/** Zero crossings of the kernel on each side at full bandwidth (more when it is widened for downsampling). */
const ZERO_CROSSINGS = 12;
/** Passband edge as a share of the lower Nyquist frequency. */
const ROLLOFF = 0.94;
/** Kernel table entries per input sample of distance, linearly interpolated between. */
const TABLE_STEPS = 512;

/**
 * Reads `samples` at positions 0, step, 2·step, … (`length` outputs) through a Hann-windowed sinc: playback
 * `1 / step` times faster, band-limited to the lower of the two Nyquist frequencies. A whole-buffer helper for
 * arbitrary real ratios (the pitch shifter's 2^(n/12)); its inner loop is integer-indexed table lookups only.
 */
export function readAtStep(samples: Float32Array, step: number, length: number): Float32Array {
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`Invalid step: ${step}`);
  const scale = Math.min(1, 1 / step);
  const cutoff = scale * ROLLOFF;
  const halfWidth = Math.ceil(ZERO_CROSSINGS / scale);
  const table = new Float64Array(halfWidth * TABLE_STEPS + 2);
  for (let i = 0; i < table.length; i++) {
    const distance = i / TABLE_STEPS;
    if (distance >= halfWidth) break;
    const x = Math.PI * cutoff * distance;
    const sinc = distance === 0 ? 1 : Math.sin(x) / x;
    table[i] = cutoff * sinc * (0.5 + 0.5 * Math.cos((Math.PI * distance) / halfWidth));
  }
  const out = new Float32Array(length);
  const last = samples.length - 1;
  for (let n = 0; n < length; n++) {
    const position = n * step;
    // Integer and comparison arithmetic only in this loop (it runs per output sample).
    const base = position | 0;
    const fraction = position - base;
    let sum = 0;
    // Left taps: distance (base − k) + fraction; right taps: (k − base) − fraction.
    const leftStart = base - halfWidth + 1 > 0 ? base - halfWidth + 1 : 0;
    for (let k = base < last ? base : last; k >= leftStart; k--) {
      const index = (base - k + fraction) * TABLE_STEPS;
      const whole = index | 0;
      const weight = table[whole]! + (table[whole + 1]! - table[whole]!) * (index - whole);
      sum += samples[k]! * weight;
    }
    const rightEnd = base + halfWidth < last ? base + halfWidth : last;
    for (let k = base + 1; k <= rightEnd; k++) {
      const index = (k - base - fraction) * TABLE_STEPS;
      const whole = index | 0;
      const weight = table[whole]! + (table[whole + 1]! - table[whole]!) * (index - whole);
      sum += samples[k]! * weight;
    }
    out[n] = sum;
  }
  return out;
}

const ZERO_CROSSINGS = 16;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over [-1, 1]. */
function blackman(t: number): number {
  if (Math.abs(t) >= 1) return 0;
  const u = (t + 1) / 2;
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
}

/** The number of samples `inputLength` samples at `from` Hz become at `to` Hz. */
export function resampledLength(inputLength: number, from: number, to: number): number {
  return Math.round((inputLength * to) / from);
}

/**
 * Band-limited resampling by windowed sinc (Blackman, 16 zero crossings). When going down, the
 * kernel is stretched so its cut-off sits at the output's Nyquist frequency (no aliasing).
 */
export function resample(input: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return input;
  const outLength = resampledLength(input.length, from, to);
  const output = new Float32Array(outLength);
  const ratio = to / from;
  const cutoff = Math.min(1, ratio);
  const halfWidth = ZERO_CROSSINGS / cutoff;
  for (let n = 0; n < outLength; n++) {
    const centre = n / ratio;
    const first = Math.max(0, Math.ceil(centre - halfWidth));
    const last = Math.min(input.length - 1, Math.floor(centre + halfWidth));
    let sum = 0;
    for (let k = first; k <= last; k++) {
      const distance = centre - k;
      sum += input[k]! * cutoff * sinc(cutoff * distance) * blackman(distance / halfWidth);
    }
    output[n] = sum;
  }
  return output;
}

/** Level above which the limiter starts bending the curve; below it the gain is exactly linear. */
const LIMITER_KNEE = 0.9;
/** The curve's asymptote, kept below 1 so that even float rounding of an extreme input stays off full scale. */
const LIMITER_CEILING = 0.99;

/**
 * Soft limiter: identity up to the knee, then a tanh curve that approaches but never reaches the ceiling,
 * so no amount of gain can clip. Continuous with slope 1 at the knee, so there is no audible corner.
 */
export function softLimit(sample: number): number {
  const magnitude = Math.abs(sample);
  if (magnitude <= LIMITER_KNEE) return sample;
  const headroom = LIMITER_CEILING - LIMITER_KNEE;
  const limited = LIMITER_KNEE + headroom * Math.tanh((magnitude - LIMITER_KNEE) / headroom);
  return Math.sign(sample) * limited;
}

/** `softLimit` for per-sample loops: below the knee, the common case, without the call. */
export function limitedSample(value: number): number {
  return value <= LIMITER_KNEE && value >= -LIMITER_KNEE ? value : softLimit(value);
}

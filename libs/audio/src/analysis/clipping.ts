/** Samples within this fraction of the peak count as "at the ceiling" (0.005 dB): a flat top, not a rounded one. */
const CEILING_TOLERANCE = 0.0005;
/** A clipped stretch is at least this many consecutive samples at the ceiling; a sine's crest holds it for at most 2. */
const MIN_RUN = 3;

/**
 * Share of samples that sit on the signal's own ceiling (its peak, which need not be full scale: audio clipped and
 * then attenuated still clips) in runs of at least 3 consecutive samples of one sign — flat tops that an
 * undistorted waveform does not have (a sine down to about 60 Hz at 16 kHz stays clear of it).
 */
export function clippingRatio(samples: Float32Array): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  if (peak === 0) return 0;
  const ceiling = peak * (1 - CEILING_TOLERANCE);
  let clipped = 0;
  let run = 0;
  let runSign = 0;
  for (let i = 0; i <= samples.length; i++) {
    const sample = i < samples.length ? samples[i]! : 0;
    const sign = Math.abs(sample) >= ceiling ? Math.sign(sample) : 0;
    if (sign !== 0 && sign === runSign) run++;
    else {
      if (run >= MIN_RUN) clipped += run;
      run = sign === 0 ? 0 : 1;
      runSign = sign;
    }
  }
  return clipped / samples.length;
}

export function peakDbfs(samples: Float32Array, floorDb: number): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  return peak > 0 ? Math.max(floorDb, 20 * Math.log10(peak)) : floorDb;
}

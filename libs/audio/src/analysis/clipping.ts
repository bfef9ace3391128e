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
  const peak = peakAmplitude(samples);
  if (peak === 0) return 0;
  const ceiling = peak * (1 - CEILING_TOLERANCE);
  let clipped = 0;
  let run = 0;
  let runSign = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    const sign = sample >= ceiling ? 1 : sample <= -ceiling ? -1 : 0;
    if (sign === 0 && run === 0) continue;
    if (sign !== 0 && sign === runSign) {
      run++;
      continue;
    }
    if (run >= MIN_RUN) clipped += run;
    run = sign === 0 ? 0 : 1;
    runSign = sign;
  }
  if (run >= MIN_RUN) clipped += run;
  return clipped / samples.length;
}

export function peakAmplitude(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    if (sample > peak) peak = sample;
    else if (-sample > peak) peak = -sample;
  }
  return peak;
}

export function peakDbfs(samples: Float32Array, floorDb: number): number {
  const peak = peakAmplitude(samples);
  return peak > 0 ? Math.max(floorDb, 20 * Math.log10(peak)) : floorDb;
}

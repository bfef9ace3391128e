export const PITCH_MIN_HZ = 60;
export const PITCH_MAX_HZ = 700;
/** Hop between analysis frames everywhere in the analysis: 10 ms. */
export const ANALYSIS_HOP_SECONDS = 0.01;

/** The tracker works near this rate: enough for any voice's fundamental, and a quarter of the work of 16 kHz. */
const TRACKING_RATE = 8000;
const WINDOW_SECONDS = 0.025;
/** YIN absolute threshold: the first dip of the normalised difference below it is the period. */
const YIN_THRESHOLD = 0.15;
/** A frame whose best dip stays above this is unvoiced (noise, fricatives, silence). */
const VOICING_LIMIT = 0.3;

export interface PitchTrack {
  /** Seconds between frames; frame i is centred at (i + 0.5) × hop. */
  readonly hopSeconds: number;
  /** Fundamental per frame in Hz, 0 where unvoiced or skipped. */
  readonly frequencies: Float32Array;
}

/**
 * YIN fundamental-frequency tracker (cumulative-mean-normalised difference function, absolute threshold,
 * parabolic refinement), 60–700 Hz, one frame per 10 ms. The signal is first low-passed and decimated to about
 * 8 kHz. `active`, when given (one flag per frame), skips inactive frames — the caller's silence gate.
 */
export function trackPitch(samples: Float32Array, sampleRate: number, active?: Uint8Array): PitchTrack {
  const hop = Math.max(1, Math.round(ANALYSIS_HOP_SECONDS * sampleRate));
  const frameCount = Math.ceil(samples.length / hop);
  const frequencies = new Float32Array(frameCount);
  const factor = Math.max(1, Math.floor(sampleRate / TRACKING_RATE));
  const rate = sampleRate / factor;
  const signal = factor > 1 ? decimate(samples, factor) : Float64Array.from(samples);
  const maxLag = Math.ceil(rate / PITCH_MIN_HZ) + 1;
  const minLag = Math.max(2, Math.floor(rate / PITCH_MAX_HZ));
  const window = Math.max(maxLag, Math.round(WINDOW_SECONDS * rate));
  const span = window + maxLag;
  // Padding so that frames at the ends read zeros instead of checking bounds.
  const pad = span;
  const padded = new Float64Array(signal.length + 2 * pad);
  padded.set(signal, pad);
  const difference = new Float64Array(maxLag + 1);
  for (let frame = 0; frame < frameCount; frame++) {
    if (active && !active[frame]) continue;
    const centre = ((frame + 0.5) * hop) / factor;
    const start = Math.round(centre - span / 2) + pad;
    const period = yinPeriod(padded, start, window, minLag, maxLag, difference);
    if (period > 0) frequencies[frame] = rate / period;
  }
  return { hopSeconds: hop / sampleRate, frequencies };
}

/** Period in samples (fractional) of the frame at `start`, or 0 when unvoiced. */
function yinPeriod(x: Float64Array, start: number, window: number, minLag: number, maxLag: number, d: Float64Array): number {
  let energy = 0;
  for (let j = start; j < start + window + maxLag; j++) energy += x[j]! * x[j]!;
  if (energy < 1e-10) return 0;
  for (let lag = 1; lag <= maxLag; lag++) {
    let sum = 0;
    const shifted = start + lag;
    for (let j = 0; j < window; j++) {
      const delta = x[start + j]! - x[shifted + j]!;
      sum += delta * delta;
    }
    d[lag] = sum;
  }
  // Cumulative mean normalisation, in place.
  let running = 0;
  d[0] = 1;
  for (let lag = 1; lag <= maxLag; lag++) {
    running += d[lag]!;
    d[lag] = running > 0 ? (d[lag]! * lag) / running : 1;
  }
  let best = -1;
  for (let lag = minLag; lag < maxLag; lag++) {
    if (d[lag]! < YIN_THRESHOLD) {
      while (lag + 1 < maxLag && d[lag + 1]! < d[lag]!) lag++;
      best = lag;
      break;
    }
  }
  if (best < 0) {
    best = minLag;
    for (let lag = minLag + 1; lag < maxLag; lag++) if (d[lag]! < d[best]!) best = lag;
    if (d[best]! >= VOICING_LIMIT) return 0;
  }
  // A minimum on the search range's edge is a rising or falling slope, not a period.
  if (best <= minLag || best >= maxLag - 1) return 0;
  const left = d[best - 1]!;
  const centre = d[best]!;
  const right = d[best + 1]!;
  const curvature = left - 2 * centre + right;
  const offset = curvature > 0 ? (0.5 * (left - right)) / curvature : 0;
  return best + Math.max(-0.5, Math.min(0.5, offset));
}

/** Low-pass (Hann-windowed sinc at 0.8 × the new Nyquist) and keep every `factor`-th sample. */
function decimate(samples: Float32Array, factor: number): Float64Array {
  const half = 8 * factor;
  const cutoff = 0.8 / factor;
  const taps = new Float64Array(2 * half + 1);
  let total = 0;
  for (let n = -half; n <= half; n++) {
    const sinc = n === 0 ? 1 : Math.sin(Math.PI * cutoff * n) / (Math.PI * cutoff * n);
    const weight = sinc * (0.5 + 0.5 * Math.cos((Math.PI * n) / (half + 1)));
    taps[n + half] = weight;
    total += weight;
  }
  for (let i = 0; i < taps.length; i++) taps[i]! /= total;
  const length = Math.ceil(samples.length / factor);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const centre = i * factor;
    const first = Math.max(0, centre - half);
    const last = Math.min(samples.length - 1, centre + half);
    let sum = 0;
    for (let k = first; k <= last; k++) sum += samples[k]! * taps[k - centre + half]!;
    out[i] = sum;
  }
  return out;
}

/** Median of the voiced (non-zero) frequencies of a track, 0 when none is voiced. */
export function medianPitch(track: PitchTrack): number {
  return percentile(voicedFrequencies(track), 0.5);
}

export function voicedFrequencies(track: PitchTrack): Float64Array {
  const voiced: number[] = [];
  for (const frequency of track.frequencies) if (frequency > 0) voiced.push(frequency);
  return Float64Array.from(voiced).sort();
}

/** Linear-interpolated percentile (q in 0..1) of ascending `sorted`; 0 when empty. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

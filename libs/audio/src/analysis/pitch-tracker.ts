export const PITCH_MIN_HZ = 50;
export const PITCH_MAX_HZ = 700;
/** Hop between analysis frames everywhere in the analysis: 10 ms. */
export const ANALYSIS_HOP_SECONDS = 0.01;

/**
 * The tracker works near this rate (16 kHz audio: 5333 Hz): the fundamental and its first harmonics are all it
 * needs, and the difference function costs the square of the rate.
 */
const TRACKING_RATE = 5500;
/** Low-pass corner before decimation, as a share of the tracking rate (1.6 kHz at 5333 Hz). */
const LOW_PASS_SHARE = 0.3;
const WINDOW_SECONDS = 0.025;
/** YIN absolute threshold: the first dip of the normalised difference below it is the period. */
const YIN_THRESHOLD = 0.15;
/** A frame whose best dip stays above this is unvoiced (noise, fricatives, silence); breathy voices dip to ~0.4. */
const VOICING_LIMIT = 0.45;
/** Voiced stretches shorter than this (30 ms, three frames) are spurious dips, not voicing. */
const MIN_VOICED_FRAMES = 3;
/** Frames further than this from the track's median are octave or subharmonic errors (speech spans about ±6). */
const MAX_SEMITONES_FROM_MEDIAN = 10;

export interface PitchTrack {
  /** Seconds between frames; frame i is centred at (i + 0.5) × hop. */
  readonly hopSeconds: number;
  /** Fundamental per frame in Hz, 0 where unvoiced or skipped. */
  readonly frequencies: Float32Array;
}

/**
 * YIN fundamental-frequency tracker (cumulative-mean-normalised difference function, absolute threshold,
 * parabolic refinement), 50–700 Hz, one frame per 10 ms; voiced stretches under 30 ms and frames more than
 * 10 semitones from the median are dropped as errors. The signal is first low-passed and decimated to about
 * 5.5 kHz. `active`, when given (one flag per frame), skips inactive frames — the caller's silence gate.
 */
export function trackPitch(samples: Float32Array, sampleRate: number, active?: Uint8Array): PitchTrack {
  const hop = Math.max(1, Math.round(ANALYSIS_HOP_SECONDS * sampleRate));
  const frameCount = Math.ceil(samples.length / hop);
  const frequencies = new Float32Array(frameCount);
  const factor = Math.max(1, Math.round(sampleRate / TRACKING_RATE));
  const rate = sampleRate / factor;
  const signal = factor > 1 ? decimate(samples, factor, sampleRate) : Float64Array.from(samples);
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
  dropShortVoicedRuns(frequencies);
  dropOutliers(frequencies);
  return { hopSeconds: hop / sampleRate, frequencies };
}

function dropShortVoicedRuns(frequencies: Float32Array): void {
  let runStart = -1;
  for (let frame = 0; frame <= frequencies.length; frame++) {
    const voiced = frame < frequencies.length && frequencies[frame]! > 0;
    if (voiced && runStart < 0) runStart = frame;
    if (!voiced && runStart >= 0) {
      if (frame - runStart < MIN_VOICED_FRAMES) frequencies.fill(0, runStart, frame);
      runStart = -1;
    }
  }
}

function dropOutliers(frequencies: Float32Array): void {
  const median = percentile(voicedFrequencies({ hopSeconds: 0, frequencies }), 0.5);
  if (median === 0) return;
  const ratio = 2 ** (MAX_SEMITONES_FROM_MEDIAN / 12);
  for (let frame = 0; frame < frequencies.length; frame++) {
    const frequency = frequencies[frame]!;
    if (frequency > median * ratio || (frequency > 0 && frequency < median / ratio)) frequencies[frame] = 0;
  }
}

/** Period in samples (fractional) of the frame at `start`, or 0 when unvoiced. */
function yinPeriod(x: Float64Array, start: number, window: number, minLag: number, maxLag: number, d: Float64Array): number {
  // d(τ) = Σ (x_j − x_{j+τ})² = e(0) + e(τ) − 2 Σ x_j x_{j+τ}, with e(τ) the energy of the window shifted by τ, slid in O(1).
  let head = 0;
  for (let j = start; j < start + window; j++) head += x[j]! * x[j]!;
  let shiftedEnergy = head;
  let total = head;
  for (let j = start + window; j < start + window + maxLag; j++) total += x[j]! * x[j]!;
  if (total < 1e-10) return 0;
  for (let lag = 1; lag <= maxLag; lag++) {
    const leaving = x[start + lag - 1]!;
    const entering = x[start + window + lag - 1]!;
    shiftedEnergy += entering * entering - leaving * leaving;
    let cross = 0;
    const shifted = start + lag;
    for (let j = 0; j < window; j++) cross += x[start + j]! * x[shifted + j]!;
    const value = head + shiftedEnergy - 2 * cross;
    d[lag] = value > 0 ? value : 0;
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

/**
 * Fourth-order Butterworth low-pass (two biquads, bilinear transform) at LOW_PASS_SHARE × the decimated rate, then
 * every `factor`-th sample. Its phase shift is harmless to a period estimate and it costs 10 multiplies a sample.
 */
function decimate(samples: Float32Array, factor: number, sampleRate: number): Float64Array {
  const k = Math.tan((Math.PI * LOW_PASS_SHARE * (sampleRate / factor)) / sampleRate);
  const stages = [0.5411961, 1.306563].map((q) => {
    const norm = 1 / (1 + k / q + k * k);
    return { b0: k * k * norm, a1: 2 * (k * k - 1) * norm, a2: (1 - k / q + k * k) * norm };
  });
  const [first, second] = stages as [(typeof stages)[0], (typeof stages)[0]];
  const out = new Float64Array(Math.ceil(samples.length / factor));
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  let z1 = 0;
  let z2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    const y = first.b0 * (x + 2 * x1 + x2) - first.a1 * y1 - first.a2 * y2;
    x2 = x1;
    x1 = x;
    const z = second.b0 * (y + 2 * y1 + y2) - second.a1 * z1 - second.a2 * z2;
    y2 = y1;
    y1 = y;
    z2 = z1;
    z1 = z;
    if (i % factor === 0) out[i / factor] = z;
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

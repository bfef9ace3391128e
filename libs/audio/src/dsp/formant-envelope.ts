import { Fft, hannWindow, nextPowerOfTwo } from './fft.js';

const FRAME_SECONDS = 0.032;
/** Log-power floor below each frame's strongest bin, so empty bands (after resampling) do not read as −∞. */
const FLOOR_DB = 80;
/** Envelope window half-width as a share of the harmonic spacing: wide enough to reach a harmonic peak from any bin. */
const SPAN_SHARE = 0.75;

export interface EnvelopeSpacing {
  /** Typical harmonic spacing (the fundamental) of the reference, Hz. */
  referenceHz: number;
  /** Typical harmonic spacing of the target, Hz. */
  targetHz: number;
}

/**
 * Gives `target` the short-time spectral envelope of `reference` (same length and timing): every 8 ms, both 32 ms
 * frames' envelopes are compared and the target's spectrum is multiplied by their ratio (limited to ±`maxGainDb`,
 * averaged with the previous frame's).
 * An envelope joins a frame's harmonic peaks (a running maximum of the log spectrum over ±¾ of its harmonic spacing, then
 * a running mean over the same width), so it reads the same level whether the harmonics are dense or sparse.
 * The ratio is smooth across frequency: a slowly varying equaliser that moves formants back where the reference has
 * them without touching the target's harmonics (its pitch). Hann analysis and synthesis windows at 75 % overlap.
 */
export function imposeEnvelope(
  target: Float32Array,
  reference: Float32Array,
  sampleRate: number,
  spacing: EnvelopeSpacing,
  maxGainDb = 12,
): Float32Array {
  if (target.length !== reference.length) throw new RangeError('Target and reference must have the same length');
  const size = nextPowerOfTwo(Math.round(FRAME_SECONDS * sampleRate));
  const hop = size / 4;
  const half = size / 2;
  const binHz = sampleRate / size;
  const targetSpan = Math.max(1, Math.round((SPAN_SHARE * spacing.targetHz) / binHz));
  const referenceSpan = Math.max(1, Math.round((SPAN_SHARE * spacing.referenceHz) / binHz));
  const maxLogGain = (maxGainDb / 10) * Math.LN10; // natural log of the power ratio
  const floor = 10 ** (-FLOOR_DB / 10);
  const fft = new Fft(size);
  const window = hannWindow(size);
  // Hann² summed at a quarter-frame hop is 1.5.
  const overlapGain = 1.5;
  const out = new Float32Array(target.length);
  const real = new Float64Array(size);
  const imag = new Float64Array(size);
  const targetReal = new Float64Array(size);
  const targetImag = new Float64Array(size);
  const targetLog = new Float64Array(half + 1);
  const referenceLog = new Float64Array(half + 1);
  const targetEnvelope = new Float64Array(half + 1);
  const referenceEnvelope = new Float64Array(half + 1);
  const scratch = new Float64Array(half + 1);
  const gains = new Float64Array(half + 1);
  const logGains = new Float64Array(half + 1);
  let previousFrame = false;
  for (let start = -size + hop; start < target.length; start += hop) {
    let energy = 0;
    for (let n = 0; n < size; n++) {
      const index = start + n;
      const inside = index >= 0 && index < target.length;
      real[n] = inside ? target[index]! * window[n]! : 0;
      imag[n] = inside ? reference[index]! * window[n]! : 0;
      energy += real[n]! * real[n]!;
    }
    if (energy === 0) {
      previousFrame = false;
      continue;
    }
    // One complex FFT carries both real frames: target in the real part, reference in the imaginary part.
    fft.forward(real, imag);
    let targetPeak = 0;
    let referencePeak = 0;
    for (let k = 0; k < size; k++) {
      const mirror = (size - k) % size;
      targetReal[k] = (real[k]! + real[mirror]!) / 2;
      targetImag[k] = (imag[k]! - imag[mirror]!) / 2;
      if (k <= half) {
        const referenceReal = (imag[k]! + imag[mirror]!) / 2;
        const referenceImag = (real[mirror]! - real[k]!) / 2;
        targetLog[k] = targetReal[k]! ** 2 + targetImag[k]! ** 2;
        referenceLog[k] = referenceReal ** 2 + referenceImag ** 2;
        if (targetLog[k]! > targetPeak) targetPeak = targetLog[k]!;
        if (referenceLog[k]! > referencePeak) referencePeak = referenceLog[k]!;
      }
    }
    if (referencePeak === 0) continue;
    for (let k = 0; k <= half; k++) {
      targetLog[k] = Math.log(targetLog[k]! + targetPeak * floor);
      referenceLog[k] = Math.log(referenceLog[k]! + referencePeak * floor);
    }
    peakEnvelope(targetLog, targetSpan, scratch, targetEnvelope);
    peakEnvelope(referenceLog, referenceSpan, scratch, referenceEnvelope);
    for (let k = 0; k <= half; k++) {
      const difference = referenceEnvelope[k]! - targetEnvelope[k]!;
      const clamped = difference > maxLogGain ? maxLogGain : difference < -maxLogGain ? -maxLogGain : difference;
      // Averaged with the previous frame's: noise gives each frame's envelopes their own ripple, which would warble.
      const logGain = previousFrame ? (clamped + logGains[k]!) / 2 : clamped;
      logGains[k] = logGain;
      gains[k] = Math.exp(logGain / 2);
    }
    previousFrame = true;
    for (let k = 0; k < size; k++) {
      const gain = gains[k <= half ? k : size - k]!;
      real[k] = targetReal[k]! * gain;
      imag[k] = targetImag[k]! * gain;
    }
    fft.inverse(real, imag);
    for (let n = 0; n < size; n++) {
      const index = start + n;
      if (index >= 0 && index < out.length) out[index]! += (real[n]! * window[n]!) / overlapGain;
    }
  }
  return out;
}

/**
 * Running maximum over ±span bins, then a running mean over ±span bins (edges use what is in range). Comparisons,
 * not Math.max/min, in these per-bin loops: under jest's VM every Math call costs about a microsecond.
 */
function peakEnvelope(logPower: Float64Array, span: number, scratch: Float64Array, out: Float64Array): void {
  const length = logPower.length;
  for (let k = 0; k < length; k++) {
    let peak = -Infinity;
    const first = k > span ? k - span : 0;
    const last = k + span < length ? k + span : length - 1;
    for (let j = first; j <= last; j++) if (logPower[j]! > peak) peak = logPower[j]!;
    scratch[k] = peak;
  }
  for (let k = 0; k < length; k++) {
    let sum = 0;
    const first = k > span ? k - span : 0;
    const last = k + span < length ? k + span : length - 1;
    for (let j = first; j <= last; j++) sum += scratch[j]!;
    out[k] = sum / (last - first + 1);
  }
}

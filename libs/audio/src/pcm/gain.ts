import { pcmAudio, type PcmAudio } from './pcm-audio.js';

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

/**
 * Multiplies by `factor` (linear) and passes every sample through the soft limiter. `inPlace` writes
 * over the input's samples (for a caller that owns them: no second buffer of the whole audio).
 */
export function applyGain(audio: PcmAudio, factor: number, options: { inPlace?: boolean } = {}): PcmAudio {
  if (!Number.isFinite(factor) || factor < 0) throw new RangeError(`Invalid gain factor: ${factor}`);
  const out = options.inPlace ? audio.samples : new Float32Array(audio.samples.length);
  const samples = audio.samples;
  for (let i = 0; i < out.length; i++) {
    const value = samples[i]! * factor;
    // Below the knee the limiter is the identity: skip the call for the common case.
    out[i] = value <= LIMITER_KNEE && value >= -LIMITER_KNEE ? value : softLimit(value);
  }
  return pcmAudio(audio.sampleRate, out);
}

export function decibelsToGain(decibels: number): number {
  return 10 ** (decibels / 20);
}

import { readAtStep } from './fractional-resample.js';
import { timeStretch } from './time-stretch.js';

export const MIN_PITCH_FACTOR = 0.5;
export const MAX_PITCH_FACTOR = 2;

/**
 * Multiplies the pitch by `factor` (0.5–2) and keeps the duration: WSOLA stretches time by `factor` at the same
 * pitch, then a band-limited resampler plays that back `factor` times faster. Formants move with the pitch (as in
 * any resampling shifter), which at ±3 semitones reads as a different voice rather than an artefact.
 * The result has exactly the input's length; factor 1 returns the input itself.
 */
export function shiftPitch(samples: Float32Array, sampleRate: number, factor: number): Float32Array {
  if (!(factor >= MIN_PITCH_FACTOR && factor <= MAX_PITCH_FACTOR)) {
    throw new RangeError(`Pitch factor must be between ${MIN_PITCH_FACTOR} and ${MAX_PITCH_FACTOR}: ${factor}`);
  }
  if (!(sampleRate > 0)) throw new RangeError(`Invalid sample rate: ${sampleRate}`);
  if (factor === 1 || samples.length === 0) return samples;
  const stretched = timeStretch(samples, sampleRate, factor);
  return readAtStep(stretched, factor, samples.length);
}

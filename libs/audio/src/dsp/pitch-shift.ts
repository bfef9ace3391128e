import { medianPitch, trackPitch } from '../analysis/pitch-tracker.js';
import { imposeEnvelope } from './formant-envelope.js';
import { readAtStep } from './fractional-resample.js';
import { timeStretch } from './time-stretch.js';

export const MIN_PITCH_FACTOR = 0.5;
export const MAX_PITCH_FACTOR = 2;
/** Harmonic spacing assumed for the envelope when nothing in the input is voiced. */
const UNVOICED_SPACING_HZ = 150;

export interface PitchShiftOptions {
  /** 'preserve' (default) puts the formants back where they were; 'shift' lets them move with the pitch. */
  formants?: 'preserve' | 'shift';
}

/**
 * Multiplies the pitch by `factor` (0.5–2) and keeps the duration: WSOLA stretches time by `factor` at the same
 * pitch, then a band-limited reader plays that back `factor` times faster. That moves the formants with the pitch
 * (a smaller or larger "head"); by default imposeEnvelope then gives the result the original's short-time spectral
 * envelope again, so the same speaker sounds higher or lower. The result has exactly the input's length; factor 1
 * returns the input itself.
 */
export function shiftPitch(samples: Float32Array, sampleRate: number, factor: number, options: PitchShiftOptions = {}): Float32Array {
  if (!(factor >= MIN_PITCH_FACTOR && factor <= MAX_PITCH_FACTOR)) {
    throw new RangeError(`Pitch factor must be between ${MIN_PITCH_FACTOR} and ${MAX_PITCH_FACTOR}: ${factor}`);
  }
  if (!(sampleRate > 0)) throw new RangeError(`Invalid sample rate: ${sampleRate}`);
  if (factor === 1 || samples.length === 0) return samples;
  const stretched = timeStretch(samples, sampleRate, factor);
  const shifted = readAtStep(stretched, factor, samples.length);
  if (options.formants === 'shift') return shifted;
  const pitch = medianPitch(trackPitch(samples, sampleRate)) || UNVOICED_SPACING_HZ;
  const corrected = imposeEnvelope(shifted, samples, sampleRate, { referenceHz: pitch, targetHz: pitch * factor });
  return matchLevel(corrected, samples);
}

/**
 * Scales `signal` to the mean power of `reference` (at most ±12 dB). Under a fixed envelope a higher pitch has fewer,
 * weaker harmonics; the listener still expects the level they asked for, not a quieter voice.
 */
function matchLevel(signal: Float32Array, reference: Float32Array): Float32Array {
  let signalPower = 0;
  let referencePower = 0;
  for (let i = 0; i < signal.length; i++) {
    signalPower += signal[i]! * signal[i]!;
    referencePower += reference[i]! * reference[i]!;
  }
  if (signalPower === 0 || referencePower === 0) return signal;
  const gain = Math.min(4, Math.max(0.25, Math.sqrt(referencePower / signalPower)));
  for (let i = 0; i < signal.length; i++) signal[i]! *= gain;
  return signal;
}

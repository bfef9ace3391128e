import { pcmAudio, type PcmAudio } from './pcm-audio.js';
import { limitedSample } from './soft-limiter.js';

export { softLimit } from './soft-limiter.js';

/**
 * Multiplies by `factor` (linear) and passes every sample through the soft limiter. `inPlace` writes
 * over the input's samples (for a caller that owns them: no second buffer of the whole audio).
 */
export function applyGain(audio: PcmAudio, factor: number, options: { inPlace?: boolean } = {}): PcmAudio {
  if (!Number.isFinite(factor) || factor < 0) throw new RangeError(`Invalid gain factor: ${factor}`);
  const out = options.inPlace ? audio.samples : new Float32Array(audio.samples.length);
  const samples = audio.samples;
  for (let i = 0; i < out.length; i++) out[i] = limitedSample(samples[i]! * factor);
  return pcmAudio(audio.sampleRate, out);
}

export function decibelsToGain(decibels: number): number {
  return 10 ** (decibels / 20);
}

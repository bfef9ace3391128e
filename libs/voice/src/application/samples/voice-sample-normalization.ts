import { applyGain, decibelsToGain, encodeWav, resample, type PcmAudio } from '#audio';

/** Loudness the training copies are brought to, and how far they may be moved (a near-silent file stays quiet). */
export const TRAINING_LOUDNESS_LUFS = -20;
const MAX_BOOST_DB = 30;
const MAX_CUT_DB = 30;

/**
 * The copy a voice is trained from: mono at `sampleRate`, brought to a common loudness (soft-limited,
 * so the gain never clips), as 16-bit WAV.
 */
export function normalizedTrainingCopy(audio: PcmAudio, loudnessLufs: number, sampleRate: number): Uint8Array {
  const resampled = audio.sampleRate === sampleRate ? audio : resample(audio, sampleRate);
  const wantedDb = Number.isFinite(loudnessLufs) ? TRAINING_LOUDNESS_LUFS - loudnessLufs : 0;
  const gainDb = Math.min(MAX_BOOST_DB, Math.max(-MAX_CUT_DB, wantedDb));
  return encodeWav(applyGain(resampled, decibelsToGain(gainDb)));
}

import type { PcmAudio } from '../pcm/pcm-audio.js';
import { writeInt16LittleEndian } from '../pcm/sample-format.js';

/** Headerless signed 16-bit little-endian samples (OpenAI's `pcm` response format). */
export function encodePcm(audio: PcmAudio, gain?: number): Uint8Array {
  const bytes = new Uint8Array(audio.samples.length * 2);
  writeInt16LittleEndian(audio.samples, bytes, 0, gain);
  return bytes;
}

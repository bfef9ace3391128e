import type { PcmAudio } from '../pcm/pcm-audio.js';
import { floatToInt16, int16ToLittleEndianBytes } from '../pcm/sample-format.js';

/** Headerless signed 16-bit little-endian samples (OpenAI's `pcm` response format). */
export function encodePcm(audio: PcmAudio): Uint8Array {
  return int16ToLittleEndianBytes(floatToInt16(audio.samples));
}

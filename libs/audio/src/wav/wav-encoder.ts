import type { PcmAudio } from '../pcm/pcm-audio.js';
import { writeInt16LittleEndian } from '../pcm/sample-format.js';

const HEADER_BYTES = 44;
/** Size written into RIFF and data chunk headers when the length is not known yet; players treat it as "until end of stream". */
export const STREAMING_WAV_SIZE = 0xffffffff;

/** The canonical 44-byte header of 16-bit mono PCM; `dataBytes` of undefined writes the streaming sizes. */
export function wavHeader(sampleRate: number, dataBytes?: number): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string) => header.set(Buffer.from(text, 'latin1'), offset);
  const bytesPerFrame = 2;
  ascii(0, 'RIFF');
  view.setUint32(4, dataBytes === undefined ? STREAMING_WAV_SIZE : 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * bytesPerFrame, true);
  view.setUint16(32, bytesPerFrame, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes === undefined ? STREAMING_WAV_SIZE : dataBytes, true);
  return header;
}

/** 16-bit WAV; `gain` is applied through the soft limiter in the same pass (see floatToInt16). */
export function encodeWav(audio: PcmAudio, gain?: number): Uint8Array {
  const dataBytes = audio.samples.length * 2;
  if (dataBytes > STREAMING_WAV_SIZE - 36) throw new RangeError('Audio too long for a WAV file');
  const file = new Uint8Array(HEADER_BYTES + dataBytes);
  file.set(wavHeader(audio.sampleRate, dataBytes));
  writeInt16LittleEndian(audio.samples, file, HEADER_BYTES, gain);
  return file;
}

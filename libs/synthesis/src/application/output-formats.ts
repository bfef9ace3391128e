import type { AudioFormat } from '#contracts';
import { encodeFlac, encodeMp3, encodeOggOpus, encodePcm, encodeWav, type PcmAudio } from '#audio';

export interface OutputFormat {
  contentType: string;
  extension: string;
  encode(audio: PcmAudio): Uint8Array;
  /** Formats of 16-bit samples apply the gain (through the limiter) while converting: one pass, no float copy. */
  encodeWithGain?(audio: PcmAudio, gain: number): Uint8Array;
}

/** Every format the service can write: the container, its MIME type and the stored file's extension. */
export const OUTPUT_FORMATS: Readonly<Record<AudioFormat, OutputFormat>> = {
  wav: { contentType: 'audio/wav', extension: 'wav', encode: (audio) => encodeWav(audio), encodeWithGain: encodeWav },
  pcm: { contentType: 'audio/pcm', extension: 'pcm', encode: (audio) => encodePcm(audio), encodeWithGain: encodePcm },
  mp3: { contentType: 'audio/mpeg', extension: 'mp3', encode: (audio) => encodeMp3(audio) },
  ogg: { contentType: 'audio/ogg', extension: 'ogg', encode: (audio) => encodeOggOpus(audio) },
  flac: { contentType: 'audio/flac', extension: 'flac', encode: (audio) => encodeFlac(audio) },
};

export function outputFormat(format: string): OutputFormat | undefined {
  return Object.hasOwn(OUTPUT_FORMATS, format) ? OUTPUT_FORMATS[format as AudioFormat] : undefined;
}

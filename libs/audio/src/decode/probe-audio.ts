import { parseBuffer } from 'music-metadata';
import { AUDIO_FORMAT_MIME_TYPES, detectAudioFormat, type AudioFormat } from './audio-format.js';
import { InvalidAudioError } from './invalid-audio-error.js';

export interface AudioProbe {
  readonly format: AudioFormat;
  readonly mimeType: string;
  readonly sampleRate: number;
  readonly channels: number;
  readonly durationSeconds: number;
}

const EXPECTED_CODEC: Readonly<Record<AudioFormat, RegExp>> = {
  wav: /PCM|IEEE_FLOAT|float/i,
  mp3: /MPEG.*layer 3|MP3/i,
  flac: /^FLAC$/,
  'ogg-opus': /^Opus$/,
  'ogg-vorbis': /Vorbis/i,
};

/**
 * Format from the magic bytes, then sample rate, channels and duration from the headers (music-metadata).
 * Rejects what the bytes do not back up: unknown magic, a codec other than the magic promised, no channels, an absurd rate.
 */
export async function probeAudio(bytes: Uint8Array): Promise<AudioProbe> {
  if (bytes.length === 0) throw new InvalidAudioError('Empty file');
  const format = detectAudioFormat(bytes);
  if (!format) throw new InvalidAudioError('Unrecognised audio format (expected WAV, MP3, Ogg Vorbis/Opus or FLAC)');
  const mimeType = AUDIO_FORMAT_MIME_TYPES[format];
  let metadata;
  try {
    metadata = await parseBuffer(bytes, { mimeType: mimeType.split(';')[0]!, size: bytes.length }, { duration: true, skipCovers: true });
  } catch (error) {
    throw new InvalidAudioError(`Malformed ${format} file: ${(error as Error).message}`);
  }
  const { codec, sampleRate, numberOfChannels, duration } = metadata.format;
  if (!codec || !EXPECTED_CODEC[format].test(codec))
    throw new InvalidAudioError(`File looks like ${format} but holds ${codec ?? 'no known codec'}`);
  if (!numberOfChannels || numberOfChannels < 1) throw new InvalidAudioError('No audio channels');
  if (!sampleRate || sampleRate < 1000 || sampleRate > 384_000)
    throw new InvalidAudioError(`Unsupported sample rate: ${sampleRate ?? 'none'}`);
  if (duration === undefined || !Number.isFinite(duration)) throw new InvalidAudioError('Duration cannot be determined');
  return { format, mimeType, sampleRate, channels: numberOfChannels, durationSeconds: duration };
}

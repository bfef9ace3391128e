import { ApplicationError, SynthesisErrorCode, type AudioFormat } from '#contracts';
import {
  encodeFlac,
  encodeMp3,
  encodeOggOpus,
  encodePcm,
  encodeWav,
  StreamingMp3Encoder,
  StreamingOggOpusEncoder,
  StreamingPcmEncoder,
  StreamingWavEncoder,
  type PcmAudio,
  type StreamingEncoder,
} from '#audio';

export interface StreamAudioFormat {
  contentType: string;
  extension: string;
  /** A whole file of `audio` (an SSE chunk, the stored result). */
  encodeFile(audio: PcmAudio): Uint8Array;
  /** An encoder whose chunks, joined, are one file; absent when the format cannot be written incrementally. */
  streaming?: (sampleRate: number) => StreamingEncoder;
}

/** How the gateway writes each output format of a streamed synthesis. */
export const STREAM_AUDIO_FORMATS: Readonly<Record<AudioFormat, StreamAudioFormat>> = {
  wav: {
    contentType: 'audio/wav',
    extension: 'wav',
    encodeFile: (audio) => encodeWav(audio),
    streaming: (rate) => new StreamingWavEncoder(rate),
  },
  pcm: { contentType: 'audio/pcm', extension: 'pcm', encodeFile: (audio) => encodePcm(audio), streaming: () => new StreamingPcmEncoder() },
  mp3: {
    contentType: 'audio/mpeg',
    extension: 'mp3',
    encodeFile: (audio) => encodeMp3(audio),
    streaming: (rate) => new StreamingMp3Encoder(rate),
  },
  ogg: {
    contentType: 'audio/ogg',
    extension: 'ogg',
    encodeFile: (audio) => encodeOggOpus(audio),
    streaming: (rate) => new StreamingOggOpusEncoder(rate),
  },
  // FLAC's header carries the total length, so it is only written whole.
  flac: { contentType: 'audio/flac', extension: 'flac', encodeFile: (audio) => encodeFlac(audio) },
};

/** The format's description, or UNSUPPORTED_FORMAT (checked again by the synthesis service). */
export function streamAudioFormat(format: string): StreamAudioFormat {
  if (!Object.hasOwn(STREAM_AUDIO_FORMATS, format)) {
    const known = Object.keys(STREAM_AUDIO_FORMATS).join(', ');
    throw new ApplicationError(SynthesisErrorCode.UNSUPPORTED_FORMAT, `Output format ${format} is not available; use one of ${known}`);
  }
  return STREAM_AUDIO_FORMATS[format as AudioFormat];
}

/** The streaming encoder of a format, or UNSUPPORTED_FORMAT for one that is only written whole (flac). */
export function streamingEncoderFactory(format: string): (sampleRate: number) => StreamingEncoder {
  const streaming = streamAudioFormat(format).streaming;
  if (!streaming) {
    throw new ApplicationError(
      SynthesisErrorCode.UNSUPPORTED_FORMAT,
      `Output format ${format} cannot be streamed; use wav, pcm, mp3 or ogg (or the SSE stream, whose chunks are whole files)`,
    );
  }
  return streaming;
}

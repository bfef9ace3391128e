import { ApplicationError, SynthesisErrorCode, type AudioFormat } from '#contracts';

/** Every `response_format` OpenAI defines; `aac` is refused with its own message. */
export const OPENAI_RESPONSE_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const;
export type OpenAiResponseFormat = (typeof OPENAI_RESPONSE_FORMATS)[number];

export const DEFAULT_OPENAI_RESPONSE_FORMAT: OpenAiResponseFormat = 'mp3';

/** OpenAI's `pcm` is 24 kHz 16-bit mono little-endian; clients play it at that rate. */
export const OPENAI_PCM_SAMPLE_RATE = 24000;

const VOXIFY_FORMAT: Record<Exclude<OpenAiResponseFormat, 'aac'>, AudioFormat> = {
  mp3: 'mp3',
  opus: 'ogg',
  flac: 'flac',
  wav: 'wav',
  pcm: 'pcm',
};

/** Our output format (and the sample rate it must have, if any) for an OpenAI `response_format`. */
export function toVoxifyOutput(format: OpenAiResponseFormat): { output_format: AudioFormat; sample_rate?: number } {
  if (format === 'aac') {
    throw new ApplicationError(
      SynthesisErrorCode.UNSUPPORTED_FORMAT,
      'response_format aac is not available; use mp3, opus, flac, wav or pcm',
    );
  }
  const output_format = VOXIFY_FORMAT[format];
  return format === 'pcm' ? { output_format, sample_rate: OPENAI_PCM_SAMPLE_RATE } : { output_format };
}

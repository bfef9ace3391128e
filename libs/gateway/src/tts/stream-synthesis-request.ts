import { ApplicationError, type AudioFormat, type AuthPrincipal } from '#contracts';
import type { SynthesisConfigDto } from './dto/synthesize-request.dto.js';
import type { StreamSynthesisRequest } from './sentence-streamer.js';
import { TtsGatewayErrorCode } from './tts-error-statuses.js';

export interface StreamRequestFields {
  text: string;
  voice_id?: string;
  config?: SynthesisConfigDto;
}

/** The plan request of a stream, with the same rules as POST /tts/synthesize (the service validates the rest). */
export function toStreamSynthesisRequest(fields: StreamRequestFields, principal: AuthPrincipal): StreamSynthesisRequest {
  const { pitch, output_format, ...settings } = fields.config ?? {};
  if (pitch !== undefined && pitch !== 0) {
    throw new ApplicationError(TtsGatewayErrorCode.UNSUPPORTED_OPTION, 'config.pitch is not available yet; leave it out or use 0');
  }
  return {
    user_id: principal.userId,
    text: fields.text,
    ...(fields.voice_id === undefined ? {} : { voice_id: fields.voice_id }),
    config: { ...settings, ...(output_format === undefined ? {} : { output_format: output_format as AudioFormat }) },
  };
}

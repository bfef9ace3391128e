import type { AudioFormat, AuthPrincipal } from '#contracts';
import type { SynthesisConfigDto } from './dto/synthesize-request.dto.js';
import type { StreamSynthesisRequest } from './sentence-streamer.js';

export interface StreamRequestFields {
  text: string;
  voice_id?: string;
  config?: SynthesisConfigDto;
}

/** The plan request of a stream, as POST /tts/synthesize builds its command (the service validates the rest). */
export function toStreamSynthesisRequest(fields: StreamRequestFields, principal: AuthPrincipal): StreamSynthesisRequest {
  // Streams always carry word times when the voice gives them: the flag of the sync route does not apply.
  const { output_format, timestamps: _timestamps, ...settings } = fields.config ?? {};
  return {
    user_id: principal.userId,
    text: fields.text,
    ...(fields.voice_id === undefined ? {} : { voice_id: fields.voice_id }),
    config: { ...settings, ...(output_format === undefined ? {} : { output_format: output_format as AudioFormat }) },
  };
}

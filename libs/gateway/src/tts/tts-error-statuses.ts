import { SynthesisErrorCode } from '#contracts';
import { ERROR_CODE_HTTP_STATUS } from '../errors/error-code-status.map.js';

/** Codes the gateway's TTS routes raise themselves (the synthesis service's codes are in the shared map). */
export const TtsGatewayErrorCode = {
  /** A known option that cannot be honoured yet (e.g. OpenAI `stream_format: sse`): refused rather than silently ignored. */
  UNSUPPORTED_OPTION: 'UNSUPPORTED_OPTION',
} as const;

// Imported by the TTS controller before its decorators run, so Swagger documents the status.
ERROR_CODE_HTTP_STATUS.set(TtsGatewayErrorCode.UNSUPPORTED_OPTION, 400);
ERROR_CODE_HTTP_STATUS.set(SynthesisErrorCode.INVALID_SSML, 400);

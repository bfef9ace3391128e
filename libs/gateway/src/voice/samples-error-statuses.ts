import { VoiceSampleErrorCode } from '#contracts';
import { ERROR_CODE_HTTP_STATUS } from '../errors/error-code-status.map.js';

// Imported by the samples controllers before their decorators run, so Swagger documents the status.
ERROR_CODE_HTTP_STATUS.set(VoiceSampleErrorCode.INVALID_AUDIO, 400);

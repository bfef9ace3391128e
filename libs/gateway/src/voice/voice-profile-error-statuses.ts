import { VoiceProfileErrorCode } from '#contracts';
import { ERROR_CODE_HTTP_STATUS } from '../errors/error-code-status.map.js';

// Imported by the voices and training controllers before their decorators run, so Swagger documents the status.
ERROR_CODE_HTTP_STATUS.set(VoiceProfileErrorCode.CONSENT_REQUIRED, 400);
ERROR_CODE_HTTP_STATUS.set(VoiceProfileErrorCode.SAMPLE_NOT_READY, 409);
ERROR_CODE_HTTP_STATUS.set(VoiceProfileErrorCode.VOICE_PROFILE_NOT_READY, 409);

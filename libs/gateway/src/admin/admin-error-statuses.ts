import { AdminErrorCode } from '#contracts';
import { ERROR_CODE_HTTP_STATUS } from '../errors/error-code-status.map.js';

// Imported for its effect, before any route documents or answers the code.
ERROR_CODE_HTTP_STATUS.set(AdminErrorCode.CONFIG_VERSION_CONFLICT, 409);

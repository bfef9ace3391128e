import { StorageErrorCode } from '#contracts';
import { ERROR_CODE_HTTP_STATUS } from '../errors/error-code-status.map.js';

// Imported by the files controllers before their decorators run, so Swagger documents these statuses.
ERROR_CODE_HTTP_STATUS.set(StorageErrorCode.URL_EXPIRED, 403);
ERROR_CODE_HTTP_STATUS.set(StorageErrorCode.URL_INVALID, 403);
ERROR_CODE_HTTP_STATUS.set(StorageErrorCode.RANGE_NOT_SATISFIABLE, 416);

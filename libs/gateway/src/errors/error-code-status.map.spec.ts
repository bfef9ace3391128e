import { ERROR_CODE_HTTP_STATUS, httpStatusForErrorCode } from './error-code-status.map.js';

describe('httpStatusForErrorCode', () => {
  it.each([
    ['VALIDATION_ERROR', 400],
    ['UNAUTHENTICATED', 401],
    ['PERMISSION_DENIED', 403],
    ['NOT_FOUND', 404],
    ['ROUTE_NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['USER_ALREADY_EXISTS', 409],
    ['JOB_NOT_FOUND', 404],
    ['PAYLOAD_TOO_LARGE', 413],
    ['RATE_LIMITED', 429],
    ['QUOTA_EXCEEDED', 429],
    ['INTERNAL_ERROR', 500],
    ['SERVICE_UNAVAILABLE', 503],
    ['UPSTREAM_TIMEOUT', 504],
    ['SAMPLE_TOO_SHORT', 422],
    ['WEAK_PASSWORD', 400],
    ['INVALID_SCOPES', 400],
    ['INVALID_CREDENTIALS', 401],
    ['TOKEN_EXPIRED', 401],
    ['TOKEN_INVALID', 401],
    ['TOKEN_REUSED', 401],
    ['ACCOUNT_DISABLED', 403],
    ['API_KEY_NOT_FOUND', 404],
    ['USER_NOT_FOUND', 404],
  ])('maps %s to %i', (code, status) => {
    expect(httpStatusForErrorCode(code)).toBe(status);
  });

  it('lets a feature add its own code', () => {
    ERROR_CODE_HTTP_STATUS.set('VOICE_MODEL_BUSY_TEST', 409);
    try {
      expect(httpStatusForErrorCode('VOICE_MODEL_BUSY_TEST')).toBe(409);
    } finally {
      ERROR_CODE_HTTP_STATUS.delete('VOICE_MODEL_BUSY_TEST');
    }
  });
});

import { ErrorCode, IdentityErrorCode, SynthesisErrorCode } from '#contracts';

/**
 * HTTP status for an error code carried by an `ApplicationError` (from a service over the bus, or
 * thrown in the gateway). Exported and mutable on purpose: a feature that publishes a new code adds
 * its status here (`ERROR_CODE_HTTP_STATUS.set('VOICE_MODEL_BUSY', 409)`) instead of editing the filter.
 */
export const ERROR_CODE_HTTP_STATUS = new Map<string, number>([
  [ErrorCode.VALIDATION_ERROR, 400],
  [ErrorCode.UNAUTHENTICATED, 401],
  [ErrorCode.PERMISSION_DENIED, 403],
  [ErrorCode.NOT_FOUND, 404],
  [ErrorCode.ROUTE_NOT_FOUND, 404],
  [ErrorCode.CONFLICT, 409],
  [ErrorCode.PAYLOAD_TOO_LARGE, 413],
  [ErrorCode.RATE_LIMITED, 429],
  [IdentityErrorCode.QUOTA_EXCEEDED, 429],
  [IdentityErrorCode.WEAK_PASSWORD, 400],
  [IdentityErrorCode.INVALID_SCOPES, 400],
  [IdentityErrorCode.INVALID_CREDENTIALS, 401],
  [IdentityErrorCode.TOKEN_EXPIRED, 401],
  [IdentityErrorCode.TOKEN_INVALID, 401],
  [IdentityErrorCode.TOKEN_REUSED, 401],
  [IdentityErrorCode.ACCOUNT_DISABLED, 403],
  [ErrorCode.INTERNAL_ERROR, 500],
  [ErrorCode.SERVICE_UNAVAILABLE, 503],
  [ErrorCode.UPSTREAM_TIMEOUT, 504],
]);

/** Families of domain codes, matched by suffix when a code has no entry of its own. */
export const ERROR_CODE_SUFFIX_HTTP_STATUS: Array<[suffix: string, status: number]> = [
  ['_ALREADY_EXISTS', 409],
  ['_NOT_FOUND', 404],
];

/** A domain code nobody mapped: the request was understood but a business rule refused it. */
export const UNMAPPED_DOMAIN_ERROR_STATUS = 422;

export function httpStatusForErrorCode(code: string): number {
  const exact = ERROR_CODE_HTTP_STATUS.get(code);
  if (exact !== undefined) return exact;
  for (const [suffix, status] of ERROR_CODE_SUFFIX_HTTP_STATUS) {
    if (code.endsWith(suffix)) return status;
  }
  return UNMAPPED_DOMAIN_ERROR_STATUS;
}

// The synthesis service's codes (issue #5); VOICE_NOT_FOUND is 404 by its suffix.
ERROR_CODE_HTTP_STATUS.set(SynthesisErrorCode.TEXT_TOO_LONG, 400);
ERROR_CODE_HTTP_STATUS.set(SynthesisErrorCode.UNSUPPORTED_FORMAT, 400);
ERROR_CODE_HTTP_STATUS.set(SynthesisErrorCode.UNSUPPORTED_SAMPLE_RATE, 400);
ERROR_CODE_HTTP_STATUS.set(SynthesisErrorCode.OVERLOADED, 503);

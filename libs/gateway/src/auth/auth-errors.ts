import { ApplicationError, ErrorCode, IdentityErrorCode } from '#contracts';

/** The authentication and authorization failures, as the error envelope (and gRPC status) carries them. */
export const AuthErrors = {
  missingCredentials: () =>
    new ApplicationError(ErrorCode.UNAUTHENTICATED, 'Authentication required: send Authorization: Bearer <token> or X-API-Key'),
  invalid: (message = 'The credentials are not valid') => new ApplicationError(IdentityErrorCode.TOKEN_INVALID, message),
  expired: (message = 'The credentials have expired') => new ApplicationError(IdentityErrorCode.TOKEN_EXPIRED, message),
  permissionDenied: (message: string) => new ApplicationError(ErrorCode.PERMISSION_DENIED, message),
};

/** Codes that mean "who you are could not be established" (401 / gRPC UNAUTHENTICATED). */
export const UNAUTHENTICATED_CODES: ReadonlySet<string> = new Set([
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
]);

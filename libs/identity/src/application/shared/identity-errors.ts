import { ApplicationError, ErrorCode, IdentityErrorCode } from '#contracts';

/** Failures several use cases share, worded once. */
export const identityErrors = {
  userNotFound: () => new ApplicationError(IdentityErrorCode.USER_NOT_FOUND, 'No such user'),
  /** The same answer for an unknown email and a wrong password. */
  invalidCredentials: () => new ApplicationError(IdentityErrorCode.INVALID_CREDENTIALS, 'The email or password is incorrect'),
  wrongCurrentPassword: () => new ApplicationError(IdentityErrorCode.INVALID_CREDENTIALS, 'The current password is incorrect'),
  tokenInvalid: (what: string) => new ApplicationError(IdentityErrorCode.TOKEN_INVALID, `The ${what} is not valid`),
  tokenReused: () =>
    new ApplicationError(
      IdentityErrorCode.TOKEN_REUSED,
      'This refresh token was already used; the session has been ended everywhere, please log in again',
    ),
  apiKeyNotFound: () => new ApplicationError(IdentityErrorCode.API_KEY_NOT_FOUND, 'No such API key'),
  permissionDenied: (message: string) => new ApplicationError(ErrorCode.PERMISSION_DENIED, message),
};

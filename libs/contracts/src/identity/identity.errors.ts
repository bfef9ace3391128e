/** Error codes of the identity context (the gateway maps them to HTTP statuses). */
export const IdentityErrorCode = {
  USER_ALREADY_EXISTS: 'USER_ALREADY_EXISTS',
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_REUSED: 'TOKEN_REUSED',
  API_KEY_NOT_FOUND: 'API_KEY_NOT_FOUND',
  INVALID_SCOPES: 'INVALID_SCOPES',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
} as const;
export type IdentityErrorCode = (typeof IdentityErrorCode)[keyof typeof IdentityErrorCode];

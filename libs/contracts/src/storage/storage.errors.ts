/** Error codes of the storage context (the gateway maps them to HTTP statuses). */
export const StorageErrorCode = {
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  /** A signed URL whose expiry has passed. */
  URL_EXPIRED: 'URL_EXPIRED',
  /** A signed URL whose signature does not match (altered id, expiry or disposition, or a foreign key). */
  URL_INVALID: 'URL_INVALID',
  RANGE_NOT_SATISFIABLE: 'RANGE_NOT_SATISFIABLE',
} as const;
export type StorageErrorCode = (typeof StorageErrorCode)[keyof typeof StorageErrorCode];

import { randomUUID } from 'node:crypto';

/** Committed contents live under this prefix, one key per file id. */
export const FILE_BLOB_PREFIX = 'files/';
/** Uploads in progress; anything left here (a crash mid-upload) is an orphan the sweeper removes. */
export const TEMPORARY_BLOB_PREFIX = 'tmp/';

const SAFE_KEY = /^(files|tmp)\/[a-z0-9][a-z0-9_-]{0,127}$/;

/** The key of a file's content, built from our own id only (never a user-given name). */
export function blobKeyForFile(fileId: string): string {
  return assertSafeBlobKey(`${FILE_BLOB_PREFIX}${fileId}`);
}

export function temporaryBlobKey(): string {
  return `${TEMPORARY_BLOB_PREFIX}${randomUUID()}`;
}

/** Refuses anything that is not one of our key shapes, so no key can walk out of the store's root. */
export function assertSafeBlobKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`Not a valid blob key: ${JSON.stringify(key)}`);
  return key;
}

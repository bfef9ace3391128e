import type { Readable } from 'node:stream';

/** What `put` wrote: the committed key, the byte count and the hex SHA-256 of the content. */
export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

export interface BlobHead {
  size: number;
  lastModified: Date;
}

export interface BlobListing extends BlobHead {
  key: string;
}

/** Inclusive byte offsets, as in an HTTP Range header (`bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutBlobOptions {
  /** Refuse (BlobTooLargeError) and store nothing once the content passes this many bytes. */
  maxBytes?: number;
  /** The number of bytes the sender announced (e.g. Content-Length): fewer means the upload was cut short. */
  expectedBytes?: number;
}

/**
 * Where file contents live: the local file system or an S3-compatible bucket. `put` streams the
 * content to a temporary key while counting and hashing it, then commits it under `key`; a source
 * that fails, is cut short or is too large leaves nothing behind (a crash mid-way leaves only a
 * temporary key, which the sweeper removes). Keys are made by the caller from its own ids.
 */
export abstract class BlobStore {
  abstract put(key: string, source: Readable, options?: PutBlobOptions): Promise<StoredBlob>;
  /** The content, or the inclusive range of it; BlobNotFoundError when the key holds nothing. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;
  abstract head(key: string): Promise<BlobHead | undefined>;
  /** Idempotent: deleting a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
  /** Every key under the prefix (committed and temporary), for the sweeper. */
  abstract list(prefix: string): AsyncIterable<BlobListing>;
  /** Releases connections; the store is not used afterwards. */
  abstract close(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No blob under ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The content is larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** The source ended before the announced number of bytes arrived (an interrupted upload). */
export class BlobIncompleteError extends Error {
  constructor(
    readonly expectedBytes: number,
    readonly receivedBytes: number,
  ) {
    super(`The content ended after ${receivedBytes} of ${expectedBytes} bytes`);
    this.name = 'BlobIncompleteError';
  }
}

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobIncompleteError, BlobTooLargeError, type PutBlobOptions } from './blob-store.js';

/**
 * A pass-through that counts and hashes the bytes on their way to storage, fails with
 * BlobTooLargeError as soon as they pass `maxBytes`, and with BlobIncompleteError at the end when
 * fewer than `expectedBytes` came. Only one chunk is held at a time.
 */
export class ContentMeter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  constructor(private readonly options: PutBlobOptions = {}) {
    super();
  }

  get size(): number {
    return this.count;
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream finished. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    const { maxBytes } = this.options;
    if (maxBytes !== undefined && this.count > maxBytes) {
      callback(new BlobTooLargeError(maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { expectedBytes } = this.options;
    if (expectedBytes !== undefined && this.count < expectedBytes) {
      callback(new BlobIncompleteError(expectedBytes, this.count));
      return;
    }
    callback();
  }
}

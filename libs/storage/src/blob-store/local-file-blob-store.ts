import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeBlobKey, FILE_BLOB_PREFIX, TEMPORARY_BLOB_PREFIX, temporaryBlobKey } from './blob-keys.js';
import {
  BlobNotFoundError,
  BlobStore,
  type BlobHead,
  type BlobListing,
  type ByteRange,
  type PutBlobOptions,
  type StoredBlob,
} from './blob-store.js';
import { ContentMeter } from './content-meter.js';

const PREFIXES = [FILE_BLOB_PREFIX, TEMPORARY_BLOB_PREFIX];

/**
 * Blobs as files under one directory (`FILES_DIR`): `files/<file id>` and `tmp/<uuid>`. A put
 * writes the temporary file and renames it into place, which is atomic on one file system, so a
 * reader sees the whole content or nothing.
 */
export class LocalFileBlobStore extends BlobStore {
  private readonly root: string;
  private ready?: Promise<void>;

  constructor(directory: string) {
    super();
    this.root = resolve(directory);
  }

  async put(key: string, source: Readable, options: PutBlobOptions = {}): Promise<StoredBlob> {
    const finalPath = this.pathOf(key);
    await this.ensureDirectories();
    const temporaryPath = this.pathOf(temporaryBlobKey());
    const meter = new ContentMeter(options);
    try {
      await pipeline(source, meter, createWriteStream(temporaryPath, { flags: 'wx' }));
      await rename(temporaryPath, finalPath);
    } catch (error) {
      source.destroy();
      await unlinkIfPresent(temporaryPath);
      throw error;
    }
    return { key, size: meter.size, sha256: meter.digest() };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async head(key: string): Promise<BlobHead | undefined> {
    try {
      const stats = await stat(this.pathOf(key));
      return { size: stats.size, lastModified: stats.mtime };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await unlinkIfPresent(this.pathOf(key));
  }

  async *list(prefix: string): AsyncIterable<BlobListing> {
    for (const directory of PREFIXES.filter((candidate) => candidate.startsWith(prefix) || prefix.startsWith(candidate))) {
      let names: string[];
      try {
        names = await readdir(join(this.root, directory));
      } catch (error) {
        if (isMissing(error)) continue;
        throw error;
      }
      for (const name of names) {
        const key = `${directory}${name}`;
        if (!key.startsWith(prefix)) continue;
        const head = await this.head(key);
        if (head) yield { key, ...head };
      }
    }
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    return join(this.root, assertSafeBlobKey(key));
  }

  private ensureDirectories(): Promise<void> {
    this.ready ??= (async () => {
      for (const prefix of PREFIXES) await mkdir(join(this.root, prefix), { recursive: true });
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertSafeBlobKey, temporaryBlobKey } from './blob-keys.js';
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

export interface S3BlobStoreOptions {
  /** e.g. `http://minio:9000`; AWS's own endpoint when absent. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO and most local servers need it). */
  forcePathStyle: boolean;
}

/** Parts of a multipart upload: 8 MiB each, two in flight, so an upload holds ~16 MiB at most. */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO…). A put streams a multipart upload to a
 * temporary key while counting and hashing, then copies it to its key server-side and deletes the
 * temporary one; a failed upload is aborted, so no part remains.
 */
export class S3BlobStore extends BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3BlobStoreOptions) {
    super();
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 requires them: S3-compatible servers (MinIO versions, local test
      // servers) do not all understand the aws-chunked trailing checksums the SDK adds by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
    });
  }

  /** Creates the bucket when it does not exist yet (a fresh MinIO). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  async put(key: string, source: Readable, options: PutBlobOptions = {}): Promise<StoredBlob> {
    assertSafeBlobKey(key);
    const temporaryKey = temporaryBlobKey();
    const meter = new ContentMeter(options);
    const body = new PassThrough();
    let meterError: unknown;
    const metering = pipeline(source, meter, body).catch((error: unknown) => {
      meterError = error;
      source.destroy();
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: temporaryKey, Body: body },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
      await metering;
      if (meterError) throw meterError;
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${temporaryKey}` }));
    } catch (error) {
      await metering;
      await this.delete(temporaryKey).catch(() => undefined);
      throw meterError ?? error;
    }
    await this.delete(temporaryKey);
    return { key, size: meter.size, sha256: meter.digest() };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: assertSafeBlobKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!(response.Body instanceof Readable)) throw new Error('The S3 client returned a body that is not a Node.js stream');
      return response.Body;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async head(key: string): Promise<BlobHead | undefined> {
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: assertSafeBlobKey(key) }));
      return { size: response.ContentLength ?? 0, lastModified: response.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertSafeBlobKey(key) }));
  }

  async *list(prefix: string): AsyncIterable<BlobListing> {
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: continuationToken }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound' || error.name === 'NoSuchBucket';
}

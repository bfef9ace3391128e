import { z } from 'zod';
import { env } from '#service-runtime';
import type { BlobStore } from './blob-store.js';
import { LocalFileBlobStore } from './local-file-blob-store.js';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';

export type BlobStoreConfig = { kind: 'local'; directory: string } | ({ kind: 's3' } & S3BlobStoreOptions);

/**
 * Where file contents live; the storage service and every gateway must read the same values
 * (the gateway streams the bytes, the storage service deletes and sweeps them).
 */
export const blobStoreEnvShape = {
  BLOB_STORE: z.enum(['local', 's3']).default('local'),
  FILES_DIR: z.string().min(1).default('./data/files'),
  S3_ENDPOINT: env.url(['http', 'https']).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: env.boolean(true),
};

type BlobStoreEnv = z.output<z.ZodObject<typeof blobStoreEnvShape>>;

/** The cross-variable rules of a config schema that spreads blobStoreEnvShape: `.superRefine(refineBlobStoreEnv)`. */
export function refineBlobStoreEnv(value: BlobStoreEnv, ctx: z.RefinementCtx): void {
  if (value.BLOB_STORE !== 's3') return;
  if (!value.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when BLOB_STORE=s3' });
  if (Boolean(value.S3_ACCESS_KEY_ID) !== Boolean(value.S3_SECRET_ACCESS_KEY)) {
    const missing = value.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together' });
  }
}

export function blobStoreConfigFrom(parsed: BlobStoreEnv): BlobStoreConfig {
  if (parsed.BLOB_STORE === 'local') return { kind: 'local', directory: parsed.FILES_DIR };
  if (!parsed.S3_BUCKET) throw new Error('S3_BUCKET is required when BLOB_STORE=s3');
  return {
    kind: 's3',
    bucket: parsed.S3_BUCKET,
    region: parsed.S3_REGION,
    forcePathStyle: parsed.S3_FORCE_PATH_STYLE,
    ...(parsed.S3_ENDPOINT ? { endpoint: parsed.S3_ENDPOINT } : {}),
    ...(parsed.S3_ACCESS_KEY_ID ? { accessKeyId: parsed.S3_ACCESS_KEY_ID } : {}),
    ...(parsed.S3_SECRET_ACCESS_KEY ? { secretAccessKey: parsed.S3_SECRET_ACCESS_KEY } : {}),
  };
}

/** The adapter the config names; an S3 bucket is created when it does not exist yet. */
export async function createBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.kind === 'local') return new LocalFileBlobStore(config.directory);
  const { kind: _kind, ...options } = config;
  const store = new S3BlobStore(options);
  await store.ensureBucket();
  return store;
}

import { z } from 'zod';
import { env } from '#service-runtime';
import { blobStoreConfigFrom, blobStoreEnvShape, MIN_FILE_URL_SECRET_LENGTH, refineBlobStoreEnv, type BlobStoreConfig } from '#storage';

export interface FilesGatewayOptions {
  /** The same blob store the storage service uses: the gateway streams the bytes in and out. */
  blobStore: BlobStoreConfig;
  /** FILE_URL_SECRET: signs download URLs that need no Authorization header. */
  fileUrlSecret: string;
  maxUploadBytes: number;
  signedUrlMaxTtlSeconds: number;
}

export const FILES_GATEWAY_OPTIONS = Symbol('FILES_GATEWAY_OPTIONS');

/** The gateway's file variables. FILE_URL_SECRET is required (the embedded mode generates one). */
export const filesGatewayEnvShape = {
  ...blobStoreEnvShape,
  FILE_URL_SECRET: z.string().min(MIN_FILE_URL_SECRET_LENGTH, `must be at least ${MIN_FILE_URL_SECRET_LENGTH} characters`),
  MAX_UPLOAD_BYTES: env.positiveInt(100 * 1024 * 1024),
  SIGNED_URL_MAX_TTL_SECONDS: env.positiveInt(7 * 24 * 3600),
};

export { refineBlobStoreEnv as refineFilesGatewayEnv };

export function filesGatewayOptionsFrom(parsed: z.output<z.ZodObject<typeof filesGatewayEnvShape>>): FilesGatewayOptions {
  return {
    blobStore: blobStoreConfigFrom(parsed),
    fileUrlSecret: parsed.FILE_URL_SECRET,
    maxUploadBytes: parsed.MAX_UPLOAD_BYTES,
    signedUrlMaxTtlSeconds: parsed.SIGNED_URL_MAX_TTL_SECONDS,
  };
}

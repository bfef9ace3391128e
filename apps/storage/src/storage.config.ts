import { z } from 'zod';
import { env, loadConfig } from '#service-runtime';
import { blobStoreConfigFrom, blobStoreEnvShape, refineBlobStoreEnv, type StorageModuleOptions } from '#storage';

export type StorageConfig = Pick<StorageModuleOptions, 'blobStore' | 'sweepIntervalMs'>;

/** Variables of the storage service, on top of those every back-end service reads. */
export const storageEnvShape = {
  ...blobStoreEnvShape,
  FILE_SWEEP_INTERVAL_MS: env.positiveInt(60_000),
};

export function storageConfigFrom(parsed: z.output<z.ZodObject<typeof storageEnvShape>>): StorageConfig {
  return { blobStore: blobStoreConfigFrom(parsed), sweepIntervalMs: parsed.FILE_SWEEP_INTERVAL_MS };
}

export function loadStorageConfig(source: NodeJS.ProcessEnv = process.env): StorageConfig {
  return storageConfigFrom(loadConfig('storage', z.object(storageEnvShape).superRefine(refineBlobStoreEnv), source));
}

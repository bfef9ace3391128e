import type { BlobStoreConfig } from './blob-store/blob-store.config.js';

export interface StorageModuleOptions {
  blobStore: BlobStoreConfig;
  /** FILE_SWEEP_INTERVAL_MS: how often expired files and orphan blobs are removed. */
  sweepIntervalMs: number;
  /** How long the start-up GetPlatformConfigQuery waits (default 2000 ms). */
  platformConfigTimeoutMs: number;
  /** Back-off step between retries of that query while identity does not answer (default 5000 ms). */
  platformConfigRetryMs: number;
}

export const STORAGE_MODULE_OPTIONS = Symbol('STORAGE_MODULE_OPTIONS');

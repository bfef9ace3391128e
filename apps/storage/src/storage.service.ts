import type { BackendServiceDefinition } from '#service-runtime';
import { StorageModule, storageMigrations } from '#storage';
import { loadStorageConfig, type StorageConfig } from './storage.config.js';

/** The storage app: file metadata on its own schema and the blob store, configured by `loadStorageConfig`. */
export function createStorageService(config: StorageConfig): BackendServiceDefinition {
  return {
    service: 'storage',
    contextModule: StorageModule.forRoot(config),
    migrations: storageMigrations,
    entities: [],
  };
}

/**
 * The storage app configured from the environment; what the embedded mode starts until it passes
 * its own StorageConfig to createStorageService.
 */
export const storageService: BackendServiceDefinition = createStorageService(loadStorageConfig());

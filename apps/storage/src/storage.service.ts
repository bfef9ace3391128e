import type { BackendServiceDefinition } from '#service-runtime';
import { StorageModule, storageMigrations } from '#storage';
import type { StorageConfig } from './storage.config.js';

/** The storage app: file metadata on its own schema and the blob store, configured by `loadStorageConfig`. */
export function createStorageService(config: StorageConfig): BackendServiceDefinition {
  return {
    service: 'storage',
    contextModule: StorageModule.forRoot(config),
    migrations: storageMigrations,
    entities: [],
  };
}

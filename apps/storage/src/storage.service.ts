import type { BackendServiceDefinition } from '#service-runtime';
import { StorageModule, storageMigrations } from '#storage';

/** The storage app: the storage bounded context on its own schema. */
export const storageService: BackendServiceDefinition = {
  service: 'storage',
  contextModule: StorageModule,
  migrations: storageMigrations,
  entities: [],
};

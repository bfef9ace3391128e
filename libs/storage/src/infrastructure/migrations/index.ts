import { serviceFoundationMigration } from '#persistence';
import { StorageFiles1764028800000 } from './storage-files.migration.js';

/** The storage schema's migrations, oldest first. */
export const storageMigrations = [serviceFoundationMigration('storage', 1763856000000), StorageFiles1764028800000];

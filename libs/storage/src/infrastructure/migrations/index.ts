import { serviceFoundationMigration } from '#persistence';

/** The storage schema's migrations, oldest first. */
export const storageMigrations = [serviceFoundationMigration('storage', 1763856000000)];

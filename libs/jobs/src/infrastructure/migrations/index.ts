import { serviceFoundationMigration } from '#persistence';

/** The jobs schema's migrations, oldest first. */
export const jobsMigrations = [serviceFoundationMigration('jobs', 1763856000000)];

import { serviceFoundationMigration } from '#persistence';

/** The identity schema's migrations, oldest first. */
export const identityMigrations = [serviceFoundationMigration('identity', 1763856000000)];

import { serviceFoundationMigration } from '#persistence';

/** The synthesis schema's migrations, oldest first. */
export const synthesisMigrations = [serviceFoundationMigration('synthesis', 1763856000000)];

import { serviceFoundationMigration } from '#persistence';

/** The voice schema's migrations, oldest first. */
export const voiceMigrations = [serviceFoundationMigration('voice', 1763856000000)];

import { serviceFoundationMigration } from '#persistence';
import { JobsReadModel1765065600000 } from './jobs-read-model.migration.js';

/** The jobs schema's migrations, oldest first. */
export const jobsMigrations = [serviceFoundationMigration('jobs', 1763856000000), JobsReadModel1765065600000];

import { serviceFoundationMigration } from '#persistence';
import { IdentityAccounts1763942400000 } from './identity-accounts.migration.js';
import { IdentityPlatformConfig1764806400000 } from './identity-platform-config.migration.js';

/** The identity schema's migrations, oldest first. */
export const identityMigrations = [
  serviceFoundationMigration('identity', 1763856000000),
  IdentityAccounts1763942400000,
  IdentityPlatformConfig1764806400000,
];

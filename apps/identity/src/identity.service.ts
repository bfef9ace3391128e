import type { BackendServiceDefinition } from '#service-runtime';
import { IdentityModule, identityMigrations } from '#identity';

/** The identity app: the identity bounded context on its own schema. */
export const identityService: BackendServiceDefinition = {
  service: 'identity',
  contextModule: IdentityModule,
  migrations: identityMigrations,
  entities: [],
};

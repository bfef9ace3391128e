import type { BackendServiceDefinition } from '#service-runtime';
import { IdentityModule, identityEntities, identityMigrations } from '#identity';
import type { IdentityConfig } from './identity.config.js';

/** The identity app: the identity bounded context on its own schema, configured by `loadIdentityConfig`. */
export function createIdentityService(config: IdentityConfig): BackendServiceDefinition {
  return {
    service: 'identity',
    contextModule: IdentityModule.forRoot(config),
    migrations: identityMigrations,
    entities: identityEntities,
  };
}

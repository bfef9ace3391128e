export * from './identity.module.js';
export * from './identity-module-options.js';
export * from './infrastructure/persistence/identity-entities.js';
export * from './infrastructure/migrations/index.js';
export * from './infrastructure/bootstrap/ensure-admin-without-nest.js';
export type { AdminAccount, EnsureAdminResult } from './application/ensure-admin/ensure-admin-account.js';
export { Email, passwordPolicyProblems } from './domain/index.js';
export * from './access-tokens/index.js';

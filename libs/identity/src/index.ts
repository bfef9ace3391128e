export * from './identity.module.js';
export * from './infrastructure/migrations/index.js';
export * from './access-tokens/index.js';

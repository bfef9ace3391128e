export * from './identity.module.js';
export * from './infrastructure/migrations/index.js';

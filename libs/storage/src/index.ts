export * from './storage.module.js';
export * from './infrastructure/migrations/index.js';

export * from './jobs.module.js';
export * from './infrastructure/migrations/index.js';

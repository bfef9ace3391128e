export * from './synthesis.module.js';
export * from './infrastructure/migrations/index.js';

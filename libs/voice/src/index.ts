export * from './voice.module.js';
export * from './infrastructure/migrations/index.js';

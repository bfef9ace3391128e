export * from './jobs.module.js';
export * from './jobs-module-options.js';
export * from './domain/index.js';
export * from './application/index.js';
export * from './infrastructure/index.js';
export * from './worker/index.js';

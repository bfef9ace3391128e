export * from './storage.module.js';
export * from './storage-module-options.js';
export * from './infrastructure/migrations/index.js';
export * from './blob-store/index.js';
export * from './signed-urls/index.js';

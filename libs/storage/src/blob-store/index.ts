export * from './blob-store.js';
export * from './blob-keys.js';
export * from './local-file-blob-store.js';
export * from './s3-blob-store.js';
export * from './blob-store.config.js';

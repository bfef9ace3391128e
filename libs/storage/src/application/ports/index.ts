export * from './stored-file.repository.js';
export * from './storage-usage.repository.js';
export * from './upload-quota.js';
export * from './unit-of-work.js';
export * from './clock.js';

export * from './stored-file.js';
export * from './file-expiry.js';

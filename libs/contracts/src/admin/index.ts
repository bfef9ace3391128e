export * from './service-stats.query.js';
export * from './platform-config.js';
export * from './admin-error-codes.js';

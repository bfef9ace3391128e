export * from './service-stats.query.js';
export * from './platform-config.js';

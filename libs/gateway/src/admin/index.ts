export * from './gateway-admin.module.js';
export * from './admin-stats.options.js';
export * from './host-usage.js';
export * from './service-stats.collector.js';

export * from './job-store.js';
export * from './clock.js';
export * from './job-metrics.js';

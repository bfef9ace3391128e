export * from './persistence/job.entity.js';
export * from './persistence/jobs-entities.js';
export * from './persistence/typeorm-job.store.js';
export * from './metrics/prometheus-job-metrics.js';
export * from './migrations/index.js';

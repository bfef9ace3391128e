export * from './job.js';
export * from './job-state.js';
export * from './job-observation.js';
export * from './job-errors.js';

export * from './voice-sample.js';
export * from './voice-sample-errors.js';
export * from './voice-sample-fields.js';
export * from './voice-sample-metrics.js';

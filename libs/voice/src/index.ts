export * from './voice.module.js';
export * from './infrastructure/migrations/index.js';
export * from './voice-module-options.js';
export * from './domain/samples/index.js';

export * from './synthesis.module.js';
export * from './infrastructure/migrations/index.js';
export * from './infrastructure/persistence/synthesis-entities.js';
export * from './application/model-readiness.js';
export * from './application/synthesis-options.js';
export * from './application/voice-directory.js';
export * from './engine/voice-session.js';
export * from './application/synthesis-quota.js';

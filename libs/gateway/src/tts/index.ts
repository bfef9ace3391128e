export * from './tts-gateway.module.js';
export * from './tts-error-statuses.js';

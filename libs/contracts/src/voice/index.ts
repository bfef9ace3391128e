export * from './voice-sample.errors.js';
export * from './voice-sample.views.js';
export * from './voice-sample.messages.js';

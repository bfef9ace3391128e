export * from './voice-sample.errors.js';
export * from './voice-sample.views.js';
export * from './voice-sample.messages.js';
export * from './voice-profile.views.js';
export * from './voice-profile.errors.js';
export * from './voice-profile.messages.js';
export * from './voice-profile.training.js';

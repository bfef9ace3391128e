export * from './storage.errors.js';
export * from './storage.views.js';
export * from './storage.messages.js';

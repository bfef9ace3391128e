export * from './identity.views.js';
export * from './identity.messages.js';
export * from './identity.errors.js';

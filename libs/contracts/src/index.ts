export * from './services.js';
export * from './error-codes.js';
export * from './application-error.js';
export * from './messages/message-envelope.js';
export * from './messages/message-definitions.js';
export * from './system/service-readiness.query.js';
export * from './ids.js';
export * from './identity/index.js';

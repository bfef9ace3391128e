export * from './api-key.repository.js';
export * from './clock.js';
export * from './event-outbox.js';
export * from './password-hasher.js';
export * from './session.repository.js';
export * from './unit-of-work.js';
export * from './user.repository.js';

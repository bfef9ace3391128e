export * from './handle-message.decorator.js';
export * from './on-event.decorator.js';
export * from './messaging.module.js';
export * from './messaging-module-options.js';

export * from './broker-message.js';
export * from './in-process-broker.js';
export * from './in-process-consumer.js';
export * from './in-process-message-bus.js';

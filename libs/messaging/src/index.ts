export * from './port/message-bus.js';
export * from './port/bus-errors.js';
export * from './port/bus-observer.js';
export * from './port/envelope-factory.js';
export * from './context/message-context.js';
export * from './port/topology.js';
export * from './port/bus-options.js';

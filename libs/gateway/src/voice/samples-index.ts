export * from './samples-gateway.module.js';
export * from './samples-gateway.options.js';

export * from './voices-gateway.module.js';

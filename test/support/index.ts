export * from './tcp-proxy.js';
export * from './app-process.js';
export * from './test-servers.js';
export * from './wait-for.js';
export * from './http-client.js';
export * from './embedded-platform.js';
export * from './six-process-platform.js';

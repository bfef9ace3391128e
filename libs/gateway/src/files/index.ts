export * from './files-gateway.module.js';
export * from './files-gateway.options.js';
export * from './upload/streamed-upload.js';

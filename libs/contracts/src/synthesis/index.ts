export * from './synthesis.errors.js';
export * from './synthesis.views.js';
export * from './synthesis.messages.js';
export * from './lexicon.messages.js';
export * from './synthesis-render.messages.js';
export * from './synthesis-stream.messages.js';
export * from './synthesis-async.messages.js';

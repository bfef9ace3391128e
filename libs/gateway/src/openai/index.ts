export * from './openai-gateway.module.js';
export * from './openai-voices.js';
export * from './openai-speech-format.js';

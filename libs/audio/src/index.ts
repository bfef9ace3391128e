export * from './pcm/pcm-audio.js';
export * from './pcm/gain.js';
export * from './pcm/resampler.js';
export * from './pcm/sample-format.js';
export * from './streaming-encoder.js';
export * from './wav/wav-encoder.js';
export * from './wav/pcm-encoder.js';
export * from './wav/streaming.js';

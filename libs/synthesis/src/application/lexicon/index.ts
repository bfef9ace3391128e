export * from './get-lexicon.handler.js';
export * from './lexicon-entries.js';
export * from './lexicon-version.js';
export * from './lexicon.provider.js';
export * from './lexicon.repository.js';
export * from './put-lexicon.handler.js';

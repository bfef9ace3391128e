export * from './access-token-settings.js';
export * from './access-token.signer.js';
export * from './access-token.verifier.js';
export * from './access-token-config.js';

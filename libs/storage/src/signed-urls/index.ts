export * from './signed-url.signer.js';

import 'reflect-metadata';
import { ConfigValidationError, runStandaloneService } from '#service-runtime';
import { loadIdentityConfig, type IdentityConfig } from './identity.config.js';
import { createIdentityService } from './identity.service.js';

let config: IdentityConfig;
try {
  config = loadIdentityConfig();
} catch (error) {
  // The same exit as runStandaloneService gives a bad runtime variable.
  if (!(error instanceof ConfigValidationError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78);
}

await runStandaloneService(createIdentityService(config));

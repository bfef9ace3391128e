import 'reflect-metadata';
import { ConfigValidationError, runStandaloneService } from '#service-runtime';
import { loadJobsConfig, type JobsConfig } from './jobs.config.js';
import { createJobsService } from './jobs.service.js';

let config: JobsConfig;
try {
  config = loadJobsConfig();
} catch (error) {
  // The same exit as runStandaloneService gives a bad runtime variable.
  if (!(error instanceof ConfigValidationError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78);
}

await runStandaloneService(createJobsService(config));

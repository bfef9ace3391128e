import type { BackendServiceDefinition } from '#service-runtime';
import { JobsModule, jobsEntities, jobsMigrations } from '#jobs';
import type { JobsConfig } from './jobs.config.js';

/** The jobs app: the jobs bounded context on its own schema, configured by `loadJobsConfig`. */
export function createJobsService(config: JobsConfig): BackendServiceDefinition {
  return {
    service: 'jobs',
    contextModule: JobsModule.forRoot(config),
    migrations: jobsMigrations,
    entities: jobsEntities,
  };
}

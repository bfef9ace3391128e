import type { BackendServiceDefinition } from '#service-runtime';
import { JobsModule, jobsEntities, jobsMigrations } from '#jobs';
import { loadJobsConfig, type JobsConfig } from './jobs.config.js';

/** The jobs app: the jobs bounded context on its own schema, configured by `loadJobsConfig`. */
export function createJobsService(config: JobsConfig): BackendServiceDefinition {
  return {
    service: 'jobs',
    contextModule: JobsModule.forRoot(config),
    migrations: jobsMigrations,
    entities: jobsEntities,
  };
}

/**
 * The jobs app configured from this process's environment, for composition roots that take a ready
 * definition (the embedded platform until it calls createJobsService with its own config).
 */
export const jobsService: BackendServiceDefinition = createJobsService(loadJobsConfig());

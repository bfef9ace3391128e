import type { BackendServiceDefinition } from '#service-runtime';
import { JobsModule, jobsMigrations } from '#jobs';

/** The jobs app: the jobs bounded context on its own schema. */
export const jobsService: BackendServiceDefinition = {
  service: 'jobs',
  contextModule: JobsModule,
  migrations: jobsMigrations,
  entities: [],
};

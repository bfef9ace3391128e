import { JobRecord } from './job.entity.js';

/** The TypeORM entities of the jobs schema. */
export const jobsEntities = [JobRecord];

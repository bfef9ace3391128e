import { defineCommand, defineQuery, type CommandDefinition } from '../messages/message-definitions.js';
import type { ServiceName } from '../services.js';
import type { PageView } from '../pagination.js';
import type { JobRequester, JobSortField, JobStatus, JobView, SortOrder } from './job.views.js';

export const GetJobQuery = defineQuery<{ job_id: string; requester: JobRequester }, JobView>('jobs', 'jobs.job.get');

export interface ListJobsPayload {
  requester: JobRequester;
  page: number;
  page_size: number;
  status?: JobStatus;
  type?: string;
  sort?: JobSortField;
  order?: SortOrder;
}

export const ListJobsQuery = defineQuery<ListJobsPayload, { jobs: JobView[]; pagination: PageView }>('jobs', 'jobs.job.list');

/**
 * A pending job is cancelled at once and never starts; a running one gets a cancel request and stops
 * at its next checkpoint (JOB_FINISHED for a job that already ended).
 */
export const CancelJobCommand = defineCommand<{ job_id: string; requester: JobRequester }, JobView>('jobs', 'jobs.job.cancel');

export interface RunJobPayload {
  job_id: string;
}

const runCommands = new Map<string, CommandDefinition<RunJobPayload, void>>();

/**
 * `<service>.job.run`: a service sends it to itself to run one of its jobs (competing consumers, so
 * any instance may take it); the jobs watchdog sends it again to resume a job whose worker was lost.
 */
export function jobRunCommand(service: string): CommandDefinition<RunJobPayload, void> {
  let definition = runCommands.get(service);
  if (!definition) {
    // Test workers run under names outside the six services; the owner only names the queue.
    definition = defineCommand<RunJobPayload, void>(service as ServiceName, `${service}.job.run`);
    runCommands.set(service, definition);
  }
  return definition;
}

export * from './ports/index.js';
export * from './shared/jobs-settings.js';
export * from './shared/job-view.js';
export * from './record-job-event/record-job-event.handler.js';
export * from './get-job/get-job.handler.js';
export * from './list-jobs/list-jobs.handler.js';
export * from './cancel-job/cancel-job.handler.js';
export * from './job-stats/job-stats.handler.js';
export * from './watchdog/job-watchdog.js';
export * from './watchdog/silent-job-decision.js';
import { CancelJobHandler } from './cancel-job/cancel-job.handler.js';
import { GetJobHandler } from './get-job/get-job.handler.js';
import { JobStatsHandler } from './job-stats/job-stats.handler.js';
import { ListJobsHandler } from './list-jobs/list-jobs.handler.js';
import { RecordJobEventHandler } from './record-job-event/record-job-event.handler.js';

/** Every message handler of the jobs service. */
export const jobsMessageHandlers = [RecordJobEventHandler, GetJobHandler, ListJobsHandler, CancelJobHandler, JobStatsHandler];

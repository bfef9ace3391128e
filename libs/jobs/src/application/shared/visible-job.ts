import type { JobRequester } from '#contracts';
import { JobErrors, type Job } from '../../domain/index.js';

/** The job if the requester may see it: their own, or any job for an admin. Others' jobs are "not found". */
export function visibleJob(job: Job | undefined, jobId: string, requester: JobRequester): Job {
  if (!job || !(requester.is_admin || job.ownedBy(requester.user_id))) throw JobErrors.notFound(jobId);
  return job;
}

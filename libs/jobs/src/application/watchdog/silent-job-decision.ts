import { JobErrorCode, JobFailedEvent } from '#contracts';
import type { Job } from '../../domain/index.js';
import type { JobDecision } from '../ports/index.js';
import { jobEventBase } from '../shared/job-event-payload.js';

export type WatchdogAction = { action: 'redispatch'; jobId: string; service: string } | { action: 'abandon'; jobId: string };

/** A silent job runs again while it has attempts left, then fails with WORKER_LOST. */
export function decideSilentJob(job: Job, now: Date, maxAttempts: number): JobDecision<WatchdogAction> {
  const state = job.snapshot();
  if (state.attempts < maxAttempts) {
    job.redispatched(now);
    return { save: job, result: { action: 'redispatch', jobId: state.id, service: state.service } };
  }
  job.abandon(now, maxAttempts);
  const error = job.snapshot().error!;
  return {
    save: job,
    events: [
      {
        definition: JobFailedEvent,
        payload: { ...jobEventBase(job, now), error_code: JobErrorCode.WORKER_LOST, reason: error.reason, reported_by: 'jobs' },
      },
    ],
    result: { action: 'abandon', jobId: state.id },
  };
}

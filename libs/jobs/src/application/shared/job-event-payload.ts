import type { JobEventBase } from '#contracts';
import type { Job } from '../../domain/index.js';

/** The identifying part of every job event, for events the jobs service itself publishes. */
export function jobEventBase(job: Job, at: Date): JobEventBase {
  const s = job.snapshot();
  return { job_id: s.id, user_id: s.userId, type: s.type, service: s.service, at: at.toISOString() };
}

import { defineEvent } from '../messages/message-definitions.js';
import type { JobResult } from './job.views.js';

/**
 * Every job event names the job completely (id, owner, type, producing service), so the jobs read
 * model can build a job from whichever of its events arrives first.
 */
export interface JobEventBase {
  job_id: string;
  user_id: string;
  type: string;
  service: string;
  /** When the producing service recorded the change (ISO-8601). */
  at: string;
}

export interface JobCreatedPayload extends JobEventBase {
  title?: string;
  estimated_completion?: string;
}

export interface JobStartedPayload extends JobEventBase {
  /** 1 for the first run, then one more for each run that resumes a lost or interrupted one. */
  attempt: number;
}

export interface JobProgressPayload extends JobEventBase {
  progress: number;
  message: string | null;
  attempt: number;
  estimated_completion?: string;
}

export interface JobCompletedPayload extends JobEventBase {
  result: JobResult;
}

export interface JobFailedPayload extends JobEventBase {
  error_code: string;
  reason: string;
  /** The service that decided the failure: the producer, or `jobs` when its watchdog gave up. */
  reported_by: string;
}

export interface JobCancelledPayload extends JobEventBase {
  reason: string;
}

export interface JobCancelRequestedPayload extends JobEventBase {
  requested_by: string;
}

/** Routing keys of the lifecycle events; the read model and the gateway subscribe to this pattern. */
export const JOB_LIFECYCLE_EVENTS = 'job.lifecycle.*';

// Published by the service doing the work (through its outbox, except progress, which is a
// frequent, superseded-by-the-next heartbeat published directly).
export const JobCreatedEvent = defineEvent<JobCreatedPayload>('jobs', 'job.lifecycle.created');
export const JobStartedEvent = defineEvent<JobStartedPayload>('jobs', 'job.lifecycle.started');
export const JobProgressEvent = defineEvent<JobProgressPayload>('jobs', 'job.lifecycle.progress');
export const JobCompletedEvent = defineEvent<JobCompletedPayload>('jobs', 'job.lifecycle.completed');
export const JobFailedEvent = defineEvent<JobFailedPayload>('jobs', 'job.lifecycle.failed');
export const JobCancelledEvent = defineEvent<JobCancelledPayload>('jobs', 'job.lifecycle.cancelled');

/** Published by the jobs service when a running job is to stop at its next checkpoint. */
export const JobCancelRequestedEvent = defineEvent<JobCancelRequestedPayload>('jobs', 'job.control.cancel-requested');

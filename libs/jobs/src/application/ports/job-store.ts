import type { EventDefinition, JobSortField, JobStatus, SortOrder } from '#contracts';
import type { Job } from '../../domain/index.js';

/** An event to publish through the jobs outbox, together with the change that caused it. */
export interface OutgoingEvent<P = unknown> {
  definition: EventDefinition<P>;
  payload: P;
}

/** What a change decided: the job to save (if any), events to publish with it, and an answer. */
export interface JobDecision<T> {
  save?: Job;
  events?: OutgoingEvent[];
  result: T;
}

export interface JobSearch {
  userId?: string;
  status?: JobStatus;
  type?: string;
  sort: JobSortField;
  order: SortOrder;
  offset: number;
  limit: number;
}

export interface JobCount {
  status: JobStatus;
  type: string;
  count: number;
}

/** Where the read model lives. Every write goes through `change`, one job row locked per transaction. */
export abstract class JobStore {
  abstract get(jobId: string): Promise<Job | undefined>;
  abstract search(criteria: JobSearch): Promise<{ jobs: Job[]; total: number }>;
  abstract countByStatusAndType(): Promise<JobCount[]>;

  /**
   * Locks the job (undefined when unknown), lets `decide` change it, and commits the saved job with
   * its events. With `dedupe`, a message already processed by that consumer is skipped: the answer
   * is then `undefined`.
   */
  abstract change<T>(
    jobId: string,
    decide: (job: Job | undefined) => JobDecision<T>,
    dedupe?: { consumer: string; messageId: string },
  ): Promise<T | undefined>;

  /**
   * Running jobs silent since `silentSince`, each locked in a transaction of its own that other
   * watchdogs skip (so two jobs-service instances never handle the same one); `decide` as in `change`.
   */
  abstract changeSilentJobs<T>(silentSince: Date, limit: number, decide: (job: Job) => JobDecision<T>): Promise<T[]>;
}

/** Error codes of the jobs context (the gateway maps them to HTTP statuses). */
export const JobErrorCode = {
  /** No such job, or not the caller's: the same answer, so ids of other users' jobs leak nothing. */
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  /** The job already completed, failed or was cancelled. */
  JOB_FINISHED: 'JOB_FINISHED',
  /** The job's worker stopped reporting and the job was retried as often as allowed. */
  WORKER_LOST: 'WORKER_LOST',
  /** The worker's handler threw; the reason carries its message. */
  JOB_HANDLER_FAILED: 'JOB_HANDLER_FAILED',
} as const;
export type JobErrorCode = (typeof JobErrorCode)[keyof typeof JobErrorCode];

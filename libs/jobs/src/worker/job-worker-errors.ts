/** Thrown at a checkpoint of a job whose cancellation was requested; the runner ends the job as cancelled. */
export class JobCancelledError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was cancelled`);
    this.name = 'JobCancelledError';
  }
}

/**
 * Thrown at a checkpoint when this worker must let go of the job without ending it: the service is
 * shutting down (the job goes back to the queue), or the job was taken from it (the watchdog gave up,
 * or another worker holds it now).
 */
export class JobInterruptedError extends Error {
  constructor(
    readonly jobId: string,
    readonly reason: 'shutting-down' | 'lost',
  ) {
    super(`Job ${jobId} interrupted: ${reason}`);
    this.name = 'JobInterruptedError';
  }
}

/** How a service's JobRunner runs its jobs. */
export interface JobRunnerOptions {
  /** The producing service (its bus's service name): names the run command `<service>.job.run`. */
  service: string;
  /** A sign of life while a long step runs (default 5000); keep it well under JOB_HEARTBEAT_TIMEOUT_MS. */
  heartbeatIntervalMs?: number;
  /** A holder silent this long is presumed dead and its job taken over (default 3 heartbeats). */
  leaseMs?: number;
  /** Closest spacing of published progress events (default 100). */
  progressThrottleMs?: number;
  /** How long a run command may wait in the queue for a worker (default 24 h). */
  runCommandTtlMs?: number;
}

export interface ResolvedJobRunnerOptions {
  service: string;
  heartbeatIntervalMs: number;
  leaseMs: number;
  progressThrottleMs: number;
  runCommandTtlMs: number;
}

export function resolveJobRunnerOptions(options: JobRunnerOptions): ResolvedJobRunnerOptions {
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 5000;
  return {
    service: options.service,
    heartbeatIntervalMs,
    leaseMs: options.leaseMs ?? heartbeatIntervalMs * 3,
    progressThrottleMs: options.progressThrottleMs ?? 100,
    runCommandTtlMs: options.runCommandTtlMs ?? 24 * 60 * 60 * 1000,
  };
}

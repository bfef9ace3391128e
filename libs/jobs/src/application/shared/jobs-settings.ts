/** How the jobs service watches running jobs (JOB_HEARTBEAT_TIMEOUT_MS, JOB_MAX_ATTEMPTS, JOB_WATCHDOG_INTERVAL_MS). */
export class JobsSettings {
  constructor(
    /** A running job silent for this long has lost its worker. */
    readonly heartbeatTimeoutMs: number,
    /** Runs a job gets in all (the first included) before it fails with WORKER_LOST. */
    readonly maxAttempts: number,
    /** How often the watchdog looks for silent jobs. */
    readonly watchdogIntervalMs: number,
  ) {}
}

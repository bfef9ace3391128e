/** The jobs service's settings (see loadJobsConfig in apps/jobs). */
export interface JobsModuleOptions {
  heartbeatTimeoutMs: number;
  maxAttempts: number;
  watchdogIntervalMs: number;
}

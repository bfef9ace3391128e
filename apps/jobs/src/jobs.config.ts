import { z } from 'zod';
import type { JobsModuleOptions } from '#jobs';
import { env, loadConfig } from '#service-runtime';

export type JobsConfig = JobsModuleOptions;

/** Variables of the jobs service, on top of those every back-end service reads. */
export const jobsEnvShape = {
  JOB_HEARTBEAT_TIMEOUT_MS: env.positiveInt(30_000),
  JOB_MAX_ATTEMPTS: env.positiveInt(3),
  JOB_WATCHDOG_INTERVAL_MS: env.positiveInt(5_000),
};

export function jobsConfigFrom(parsed: z.output<z.ZodObject<typeof jobsEnvShape>>): JobsConfig {
  return {
    heartbeatTimeoutMs: parsed.JOB_HEARTBEAT_TIMEOUT_MS,
    maxAttempts: parsed.JOB_MAX_ATTEMPTS,
    watchdogIntervalMs: parsed.JOB_WATCHDOG_INTERVAL_MS,
  };
}

export function loadJobsConfig(source: NodeJS.ProcessEnv = process.env): JobsConfig {
  return jobsConfigFrom(loadConfig('jobs', z.object(jobsEnvShape), source));
}

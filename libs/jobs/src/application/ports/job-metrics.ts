import type { JobCount } from './job-store.js';

/** What the jobs service reports to monitoring. */
export abstract class JobMetrics {
  abstract jobFinished(type: string, durationSeconds: number): void;
  abstract countsChanged(counts: readonly JobCount[]): void;
}

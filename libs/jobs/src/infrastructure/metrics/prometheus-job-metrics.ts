import { counter, gauge, histogram } from '#service-runtime';
import { JOB_STATUSES } from '#contracts';
import { JobMetrics, type JobCount } from '../../application/ports/index.js';

// Jobs run from seconds (a short synthesis) to hours (voice training).
const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400];

/** `jobs_total{state,type}` (from the read model), `job_duration_seconds{type}`, `jobs_finished_total{type}`. */
export class PrometheusJobMetrics extends JobMetrics {
  private readonly total = gauge('jobs_total', 'Jobs in the read model by state and type', ['state', 'type']);
  private readonly duration = histogram('job_duration_seconds', 'Time from start to end of finished jobs', ['type'], DURATION_BUCKETS);
  private readonly finished = counter('jobs_finished_total', 'Jobs that reached a final state', ['type']);

  jobFinished(type: string, durationSeconds: number): void {
    this.duration.observe({ type }, durationSeconds);
    this.finished.inc({ type });
  }

  countsChanged(counts: readonly JobCount[]): void {
    this.total.reset();
    const types = new Set(counts.map((count) => count.type));
    for (const type of types) for (const state of JOB_STATUSES) this.total.set({ state, type }, 0);
    for (const { status, type, count } of counts) this.total.set({ state: status, type }, count);
  }
}

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { jobRunCommand } from '#contracts';
import { MessageBus } from '#messaging';
import { APP_LOGGER } from '#service-runtime';
import { Clock, JobMetrics, JobStore } from '../ports/index.js';
import { JobsSettings } from '../shared/jobs-settings.js';
import { decideSilentJob, type WatchdogAction } from './silent-job-decision.js';

const BATCH = 100;

/**
 * Finds running jobs whose worker stopped reporting for the heartbeat timeout and sends each back to
 * its service (`<service>.job.run`, which resumes from the last checkpoint), or fails it with
 * WORKER_LOST once it has had its attempts. Each tick also refreshes the `jobs_total` gauge.
 */
@Injectable()
export class JobWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly jobs: JobStore,
    private readonly bus: MessageBus,
    private readonly settings: JobsSettings,
    private readonly metrics: JobMetrics,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  /** One pass: what it did to each silent job. */
  async tick(): Promise<WatchdogAction[]> {
    const now = this.clock.now();
    const silentSince = new Date(now.getTime() - this.settings.heartbeatTimeoutMs);
    const actions = await this.jobs.changeSilentJobs(silentSince, BATCH, (job) => decideSilentJob(job, now, this.settings.maxAttempts));
    for (const action of actions) {
      if (action.action === 'abandon') {
        this.logger.warn({ jobId: action.jobId }, 'Job failed: its worker was lost too many times');
        continue;
      }
      this.logger.warn({ jobId: action.jobId, producer: action.service }, 'Job silent past its heartbeat timeout; dispatching it again');
      // Nobody waits for the reply (it comes when the run ends); the message expires unless a worker takes it in time.
      this.bus
        .send(jobRunCommand(action.service), { job_id: action.jobId }, { timeoutMs: this.settings.heartbeatTimeoutMs })
        .catch((error: unknown) => this.logger.debug({ jobId: action.jobId, err: error }, 'Re-dispatched run ended without a reply'));
    }
    this.metrics.countsChanged(await this.jobs.countByStatusAndType());
    return actions;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'Job watchdog pass failed'))
        .finally(() => this.schedule());
    }, this.settings.watchdogIntervalMs);
    this.timer.unref();
  }
}

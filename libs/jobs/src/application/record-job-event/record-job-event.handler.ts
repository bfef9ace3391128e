import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { JOB_LIFECYCLE_EVENTS, type MessageEnvelope } from '#contracts';
import { OnEvent } from '#messaging';
import { APP_LOGGER } from '#service-runtime';
import { Job } from '../../domain/index.js';
import { JobMetrics, JobStore } from '../ports/index.js';
import { readJobEvent } from './job-event-observation.js';

const CONSUMER = 'jobs.read-model';

/** Builds the read model from the lifecycle events the producing services publish. */
@Injectable()
export class RecordJobEventHandler {
  constructor(
    private readonly jobs: JobStore,
    private readonly metrics: JobMetrics,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @OnEvent(JOB_LIFECYCLE_EVENTS)
  async handle(payload: unknown, envelope: MessageEnvelope): Promise<void> {
    const event = readJobEvent(envelope.type, payload);
    if (!event) {
      this.logger.warn({ type: envelope.type, messageId: envelope.id }, 'Ignored a malformed job event');
      return;
    }
    const { identity, observation } = event;
    const finished = await this.jobs.change(
      identity.jobId,
      (existing) => {
        const job = existing ?? Job.open(identity, observation.at);
        const wasFinished = job.isFinished;
        if (!job.apply(observation) && existing) return { result: undefined };
        return { save: job, result: !wasFinished && job.isFinished ? job.snapshot() : undefined };
      },
      { consumer: CONSUMER, messageId: envelope.id },
    );
    if (finished?.finishedAt) {
      const started = finished.startedAt ?? finished.createdAt;
      this.metrics.jobFinished(finished.type, Math.max(0, (finished.finishedAt.getTime() - started.getTime()) / 1000));
    }
  }
}

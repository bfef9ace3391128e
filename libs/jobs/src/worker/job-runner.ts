import {
  ApplicationError,
  JobCancelledEvent,
  JobCancelRequestedEvent,
  JobCompletedEvent,
  JobCreatedEvent,
  JobErrorCode,
  JobFailedEvent,
  JobProgressEvent,
  jobRunCommand,
  JobStartedEvent,
  createId,
  type EventDefinition,
  type JobCancelRequestedPayload,
  type JobEventBase,
  type JobFailedPayload,
  type JobResult,
  type MessageEnvelope,
  type RunJobPayload,
} from '#contracts';
import type { Logger } from 'pino';
import { createEnvelope, type MessageBus } from '#messaging';
import type { JobCheckpointRow } from './job-checkpoint-row.js';
import type { JobCheckpointStore } from './job-checkpoint.store.js';
import type { JobHandler } from './job-context.js';
import type { ResolvedJobRunnerOptions } from './job-runner-options.js';
import { RunningJob } from './running-job.js';

export interface StartJobRequest<Input> {
  type: string;
  userId: string;
  input: Input;
  title?: string;
  estimatedCompletion?: Date;
  /** Defaults to a new `job_…` id. */
  jobId?: string;
}

export interface JobRunnerDeps {
  bus: MessageBus;
  store: JobCheckpointStore;
  logger: Logger;
  isDraining: () => boolean;
  workerId: string;
}

const PENDING_RESUME_BATCH = 500;

/**
 * Runs a service's jobs. `start` records a job (its `job.lifecycle.created` goes out through the
 * service's outbox in the same transaction) and sends the service's own durable `<service>.job.run`
 * command, which any instance may take. The handler runs with a JobContext; progress, heartbeats,
 * checkpoints and the final event are handled here. A run whose worker died is taken over (broker
 * redelivery, or the jobs watchdog re-sending the command) from the last checkpoint.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler<never, never>>();
  private readonly active = new Map<string, RunningJob>();
  private attached = false;

  constructor(
    private readonly deps: JobRunnerDeps,
    readonly options: ResolvedJobRunnerOptions,
  ) {}

  get service(): string {
    return this.options.service;
  }

  /** Registers the handler of a job type (before the bus starts). */
  register<Input, State>(type: string, handler: JobHandler<Input, State>): void {
    if (this.handlers.has(type)) throw new Error(`Job type ${type} already has a handler`);
    this.handlers.set(type, handler as JobHandler<never, never>);
  }

  /** Subscribes the runner to its run command and to cancellations and give-ups; once, before the bus starts. */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    const { bus } = this.deps;
    bus.handle(jobRunCommand(this.service), (payload) => this.run(payload));
    bus.subscribe<JobCancelRequestedPayload>(JobCancelRequestedEvent, (payload) => this.recordCancelRequest(payload));
    bus.subscribe<JobCancelRequestedPayload>(
      JobCancelRequestedEvent,
      async (payload) => this.stopLocally(payload.job_id, payload.service, 'cancel'),
      {
        scope: 'instance',
      },
    );
    bus.subscribe<JobFailedPayload>(JobFailedEvent, (payload) => this.recordAbandoned(payload));
  }

  async start<Input>(request: StartJobRequest<Input>): Promise<{ job_id: string }> {
    if (!this.handlers.has(request.type)) throw new Error(`No handler registered for job type ${request.type}`);
    const jobId = request.jobId ?? createId('job');
    const base: JobEventBase = {
      job_id: jobId,
      user_id: request.userId,
      type: request.type,
      service: this.service,
      at: new Date().toISOString(),
    };
    const created = createEnvelope(JobCreatedEvent, {
      ...base,
      ...(request.title === undefined ? {} : { title: request.title }),
      ...(request.estimatedCompletion === undefined ? {} : { estimated_completion: request.estimatedCompletion.toISOString() }),
    });
    await this.deps.store.create({ job_id: jobId, type: request.type, user_id: request.userId, input: request.input }, [created]);
    this.dispatch(jobId);
    return { job_id: jobId };
  }

  /** Sends the run command again for every pending job (one whose command a crash may have lost). */
  async dispatchPending(): Promise<number> {
    const ids = await this.deps.store.pendingJobIds(PENDING_RESUME_BATCH);
    for (const id of ids) this.dispatch(id);
    return ids.length;
  }

  /** Jobs running on this instance now. */
  activeJobIds(): string[] {
    return [...this.active.keys()];
  }

  private dispatch(jobId: string): void {
    // The reply comes when the run ends, long after anyone cares: the send is fire-and-forget.
    this.deps.bus
      .send(jobRunCommand(this.service), { job_id: jobId }, { timeoutMs: this.options.runCommandTtlMs })
      .catch((error: unknown) => this.deps.logger.debug({ jobId, err: error }, 'Job run command ended without a reply'));
  }

  private async run(payload: RunJobPayload): Promise<void> {
    const jobId = payload.job_id;
    if (this.active.has(jobId)) return; // a duplicate delivery to the instance already running it
    let seenBeat: number | undefined;
    for (;;) {
      const outcome = await this.deps.store.claim(
        jobId,
        this.deps.workerId,
        this.options.leaseMs,
        (row) => [this.event(JobStartedEvent, row, { attempt: row.attempt })],
        (row) => [this.event(JobCancelledEvent, row, { reason: 'Cancelled before it started' })],
      );
      if (outcome.kind === 'claimed') return this.execute(outcome.row);
      if (outcome.kind !== 'held') return;
      // Held by a worker that beat lately: if it beats again it is alive (this delivery was a
      // duplicate); if it stays silent past the lease, it died and the job is taken over here.
      const beat = outcome.heartbeatAt.getTime();
      if ((seenBeat !== undefined && beat !== seenBeat) || this.deps.isDraining()) return;
      seenBeat = beat;
      await sleep(Math.min(this.options.heartbeatIntervalMs, this.options.leaseMs / 2));
    }
  }

  private async execute(row: JobCheckpointRow): Promise<void> {
    const handler = this.handlers.get(row.type);
    const run = new RunningJob(row, {
      store: this.deps.store,
      workerId: this.deps.workerId,
      service: this.service,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      progressThrottleMs: this.options.progressThrottleMs,
      isDraining: this.deps.isDraining,
      publishProgress: (progress) => this.deps.bus.publish(JobProgressEvent, progress),
      onError: (error, what) => this.deps.logger.warn({ jobId: row.job_id, err: error }, `Job ${what} failed`),
    });
    this.active.set(row.job_id, run);
    run.startHeartbeat();
    try {
      if (!handler) throw new ApplicationError(JobErrorCode.JOB_HANDLER_FAILED, `No handler for job type ${row.type} here`);
      const result = await handler(run as RunningJob<never, never>);
      run.stopReporting(true);
      await this.end(run, 'completed', row, { result: result ?? ({} as JobResult) });
    } catch (error) {
      run.stopReporting(run.stopReason === undefined);
      await this.afterFailure(run, row, error);
    } finally {
      this.active.delete(row.job_id);
    }
  }

  private async afterFailure(run: RunningJob, row: JobCheckpointRow, error: unknown): Promise<void> {
    switch (run.stopReason) {
      case 'cancel':
        await this.end(run, 'cancelled', row, { reason: 'Cancelled by request' });
        return;
      case 'lost':
        this.deps.logger.info({ jobId: row.job_id }, 'Job taken from this worker; its run stops here');
        return;
      case 'shutting-down':
        // Back to the queue for another instance (or this one after its restart), from the last checkpoint.
        await this.deps.store.release(row.job_id, this.deps.workerId);
        this.dispatch(row.job_id);
        this.deps.logger.info({ jobId: row.job_id }, 'Job released for another worker: this one is shutting down');
        return;
      case undefined: {
        const code = error instanceof ApplicationError ? error.code : JobErrorCode.JOB_HANDLER_FAILED;
        const reason = error instanceof Error ? error.message : String(error);
        this.deps.logger.warn({ jobId: row.job_id, type: row.type, err: error }, 'Job failed');
        await this.end(run, 'failed', row, { error_code: code, reason, reported_by: this.service });
      }
    }
  }

  private async end(
    run: RunningJob,
    status: 'completed' | 'failed' | 'cancelled',
    row: JobCheckpointRow,
    details: Record<string, unknown>,
  ): Promise<void> {
    const definition = status === 'completed' ? JobCompletedEvent : status === 'failed' ? JobFailedEvent : JobCancelledEvent;
    const ended = await this.deps.store.finish(row.job_id, this.deps.workerId, status, (current) => [
      this.event(definition as EventDefinition<unknown>, current, details),
    ]);
    if (!ended) this.deps.logger.info({ jobId: run.jobId, status }, 'Job was no longer held by this worker; its end is not published');
  }

  private async recordCancelRequest(payload: JobCancelRequestedPayload): Promise<void> {
    if (payload.service !== this.service) return;
    await this.deps.store.requestCancel(payload.job_id, (row) => [
      this.event(JobCancelledEvent, row, { reason: 'Cancelled before it started' }),
    ]);
  }

  private async recordAbandoned(payload: JobFailedPayload): Promise<void> {
    if (payload.service !== this.service || payload.reported_by === this.service) return;
    await this.deps.store.markAbandoned(payload.job_id);
    this.stopLocally(payload.job_id, payload.service, 'lost');
  }

  private stopLocally(jobId: string, service: string, reason: 'cancel' | 'lost'): void {
    if (service !== this.service) return;
    this.active.get(jobId)?.stop(reason);
  }

  private event<P>(definition: EventDefinition<P>, row: JobCheckpointRow, details: Omit<P, keyof JobEventBase>): MessageEnvelope {
    const base: JobEventBase = {
      job_id: row.job_id,
      user_id: row.user_id,
      type: row.type,
      service: this.service,
      at: new Date().toISOString(),
    };
    return createEnvelope(definition, { ...base, ...details } as P);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

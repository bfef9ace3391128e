import type { JobEventBase, JobProgressPayload } from '#contracts';
import type { JobCheckpointRow } from './job-checkpoint-row.js';
import type { JobCheckpointStore, WorkerSignal } from './job-checkpoint.store.js';
import type { JobContext } from './job-context.js';
import { JobCancelledError, JobInterruptedError } from './job-worker-errors.js';
import { ProgressThrottle } from './progress-throttle.js';

/** Why a run stops before its handler returns. */
export type StopReason = 'cancel' | 'lost' | 'shutting-down';

export interface RunningJobDeps {
  store: JobCheckpointStore;
  workerId: string;
  service: string;
  heartbeatIntervalMs: number;
  progressThrottleMs: number;
  isDraining: () => boolean;
  publishProgress: (payload: JobProgressPayload) => Promise<void>;
  onError: (error: unknown, what: string) => void;
}

/** One run of one job on this worker: the handler's JobContext, its heartbeat and its way to stop. */
export class RunningJob<Input = unknown, State = unknown> implements JobContext<Input, State> {
  readonly jobId: string;
  readonly userId: string;
  readonly type: string;
  readonly input: Input;
  readonly attempt: number;
  private readonly abort = new AbortController();
  private readonly throttle: ProgressThrottle<{ progress: number; message: string | null }>;
  private readonly initialState: State | undefined;
  private progress: number;
  private message: string | null;
  private lastPublishedAt = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopReasonValue: StopReason | undefined;

  constructor(
    row: JobCheckpointRow,
    private readonly deps: RunningJobDeps,
  ) {
    this.jobId = row.job_id;
    this.userId = row.user_id;
    this.type = row.type;
    this.input = row.input as Input;
    this.attempt = row.attempt;
    this.initialState = row.state === null ? undefined : (row.state as State);
    this.progress = row.progress;
    this.message = row.message;
    this.throttle = new ProgressThrottle(deps.progressThrottleMs, (report) => this.publish(report.progress, report.message));
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get stopReason(): StopReason | undefined {
    return this.stopReasonValue;
  }

  get currentProgress(): { progress: number; message: string | null } {
    return { progress: this.progress, message: this.message };
  }

  resumeFrom(): State | undefined {
    return this.initialState;
  }

  reportProgress(progress: number, message?: string): void {
    if (this.stopReasonValue === 'lost') return;
    const clamped = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
    this.progress = Math.max(this.progress, clamped);
    if (message !== undefined) this.message = message;
    this.throttle.push({ progress: this.progress, message: this.message });
  }

  async checkpoint(state: State, progress?: number, message?: string): Promise<void> {
    if (progress !== undefined) this.reportProgress(progress, message);
    this.throwIfStopped();
    const signal = await this.deps.store.checkpoint(this.jobId, this.deps.workerId, state, this.progress, this.message);
    this.apply(signal);
    this.throwIfStopped();
  }

  async throwIfCancelled(): Promise<void> {
    this.throwIfStopped();
    const row = await this.deps.store.read(this.jobId);
    if (!row || row.status !== 'running' || row.worker_id !== this.deps.workerId) this.stop('lost');
    else if (row.cancel_requested) this.stop('cancel');
    this.throwIfStopped();
  }

  /** Starts the heartbeat: a beat in the row, and a progress event when none went out lately. */
  startHeartbeat(): void {
    this.heartbeat = setInterval(() => void this.beat(), this.deps.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  /** Stops the heartbeat; with `flush`, the progress still held by the throttle goes out first. */
  stopReporting(flush: boolean): void {
    clearInterval(this.heartbeat);
    if (flush) this.throttle.flush();
    else this.throttle.cancel();
  }

  /** Asks the run to stop at its next checkpoint (and aborts `signal` for steps that listen to it). */
  stop(reason: StopReason): void {
    // A cancel wins over a shutdown: the job is over either way, and nobody should resume it.
    if (this.stopReasonValue === undefined || (reason === 'cancel' && this.stopReasonValue === 'shutting-down') || reason === 'lost') {
      this.stopReasonValue = reason;
    }
    if (!this.abort.signal.aborted) this.abort.abort(this.stopError());
  }

  /** The error a stopped run ends with. */
  stopError(): Error {
    return this.stopReasonValue === 'cancel'
      ? new JobCancelledError(this.jobId)
      : new JobInterruptedError(this.jobId, this.stopReasonValue === 'lost' ? 'lost' : 'shutting-down');
  }

  private throwIfStopped(): void {
    if (this.stopReasonValue === undefined && this.deps.isDraining()) this.stop('shutting-down');
    if (this.stopReasonValue !== undefined) throw this.stopError();
  }

  private apply(signal: WorkerSignal): void {
    if (signal === 'cancel') this.stop('cancel');
    else if (signal === 'lost') this.stop('lost');
  }

  private async beat(): Promise<void> {
    try {
      if (this.deps.isDraining()) this.stop('shutting-down');
      this.apply(await this.deps.store.beat(this.jobId, this.deps.workerId, this.progress, this.message));
      if (this.stopReasonValue !== 'lost' && Date.now() - this.lastPublishedAt >= this.deps.heartbeatIntervalMs) {
        await this.publish(this.progress, this.message);
      }
    } catch (error) {
      this.deps.onError(error, 'heartbeat');
    }
  }

  private async publish(progress: number, message: string | null): Promise<void> {
    this.lastPublishedAt = Date.now();
    const base: JobEventBase = {
      job_id: this.jobId,
      user_id: this.userId,
      type: this.type,
      service: this.deps.service,
      at: new Date().toISOString(),
    };
    try {
      await this.deps.publishProgress({ ...base, progress, message, attempt: this.attempt });
    } catch (error) {
      this.deps.onError(error, 'progress');
    }
  }
}

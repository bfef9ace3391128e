import { isFinishedJobStatus, JobErrorCode } from '#contracts';
import { JobErrors } from './job-errors.js';
import type { JobIdentity, JobObservation } from './job-observation.js';
import type { JobState } from './job-state.js';

/** What a cancel request did: finished a pending job at once, or asked a running one to stop. */
export type CancelOutcome = 'cancelled' | 'requested' | 'already-requested';

/**
 * A job in the read model. Events may arrive twice or out of order (progress is published directly,
 * the rest through an outbox), so every change is monotonic: a finished job stays finished, a
 * running one never goes back to pending, and progress never decreases.
 */
export class Job {
  private constructor(private state: JobState) {}

  /** A job first heard of through `observation` (normally `created`, but any event may come first). */
  static open(identity: JobIdentity, at: Date): Job {
    return new Job({
      id: identity.jobId,
      userId: identity.userId,
      type: identity.type,
      service: identity.service,
      title: null,
      status: 'pending',
      progress: 0,
      message: null,
      attempts: 0,
      cancelRequested: false,
      result: null,
      error: null,
      createdAt: at,
      updatedAt: at,
      startedAt: null,
      finishedAt: null,
      lastHeartbeatAt: null,
      estimatedCompletion: null,
    });
  }

  static restore(state: JobState): Job {
    return new Job({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get isFinished(): boolean {
    return isFinishedJobStatus(this.state.status);
  }

  snapshot(): Readonly<JobState> {
    return { ...this.state };
  }

  ownedBy(userId: string): boolean {
    return this.state.userId === userId;
  }

  /** Applies a reported fact; false when it changed nothing (a late or repeated event). */
  apply(observation: JobObservation): boolean {
    const s = this.state;
    if (this.isFinished) return observation.kind === 'created' && this.describeLate(observation);
    switch (observation.kind) {
      case 'created':
        if (observation.at < s.createdAt) s.createdAt = observation.at;
        s.title = observation.title ?? s.title;
        s.estimatedCompletion = observation.estimatedCompletion ?? s.estimatedCompletion;
        break;
      case 'started':
        this.markRunning(observation.at);
        s.attempts = Math.max(s.attempts, observation.attempt);
        break;
      case 'progress':
        this.markRunning(observation.at);
        s.attempts = Math.max(s.attempts, observation.attempt);
        if (observation.progress >= s.progress) {
          s.progress = clampProgress(observation.progress);
          s.message = observation.message ?? s.message;
        }
        s.estimatedCompletion = observation.estimatedCompletion ?? s.estimatedCompletion;
        break;
      case 'completed':
        this.finish('completed', observation.at);
        s.progress = 1;
        s.result = observation.result;
        break;
      case 'failed':
        this.finish('failed', observation.at);
        s.error = { code: observation.errorCode, reason: observation.reason };
        break;
      case 'cancelled':
        this.finish('cancelled', observation.at);
        s.message = observation.reason;
        break;
    }
    this.touch(observation.at);
    return true;
  }

  /** A pending job ends here and never starts; a running one is asked to stop at its next checkpoint. */
  requestCancel(at: Date): CancelOutcome {
    if (this.isFinished) throw JobErrors.finished(this.state.id, this.state.status);
    if (this.state.status === 'pending') {
      this.finish('cancelled', at);
      this.state.message = 'Cancelled before it started';
      this.touch(at);
      return 'cancelled';
    }
    if (this.state.cancelRequested) return 'already-requested';
    this.state.cancelRequested = true;
    this.touch(at);
    return 'requested';
  }

  /** A running job whose worker has said nothing since `silentSince`. */
  isSilentSince(silentSince: Date): boolean {
    return this.state.status === 'running' && (this.state.lastHeartbeatAt ?? this.state.updatedAt) < silentSince;
  }

  /** The watchdog sent the job to its service again; the new run gets a full heartbeat timeout. */
  redispatched(at: Date): void {
    this.state.attempts += 1;
    this.state.lastHeartbeatAt = at;
    this.touch(at);
  }

  /** The watchdog gave up on the job. */
  abandon(at: Date, maxAttempts: number): void {
    this.apply({
      kind: 'failed',
      at,
      errorCode: JobErrorCode.WORKER_LOST,
      reason: `The worker stopped reporting and the job was run ${maxAttempts} time(s) without finishing`,
    });
  }

  /** A `created` event that arrives after the job ended still names it. */
  private describeLate(created: Extract<JobObservation, { kind: 'created' }>): boolean {
    if (this.state.title !== null || created.title === undefined) return false;
    this.state.title = created.title;
    return true;
  }

  private markRunning(at: Date): void {
    if (this.state.status === 'pending') this.state.status = 'running';
    this.state.startedAt ??= at;
    if (!this.state.lastHeartbeatAt || at > this.state.lastHeartbeatAt) this.state.lastHeartbeatAt = at;
  }

  private finish(status: 'completed' | 'failed' | 'cancelled', at: Date): void {
    this.state.status = status;
    this.state.finishedAt = at;
    this.state.cancelRequested = this.state.cancelRequested && status === 'cancelled';
  }

  private touch(at: Date): void {
    if (at > this.state.updatedAt) this.state.updatedAt = at;
  }
}

function clampProgress(progress: number): number {
  if (!Number.isFinite(progress)) return 0;
  return Math.min(1, Math.max(0, progress));
}

import type { JobResult } from '#contracts';

/** What a job handler gets: its job, the checkpoint to resume from, and the means to report and stop. */
export interface JobContext<Input = unknown, State = unknown> {
  readonly jobId: string;
  readonly userId: string;
  readonly type: string;
  readonly input: Input;
  /** 1 on the first run; higher when this run resumes a lost or interrupted one. */
  readonly attempt: number;
  /** Aborted when the job is cancelled or taken from this worker: pass it to long steps that accept one. */
  readonly signal: AbortSignal;
  /** The last checkpoint saved by an earlier run of this job, so finished work is not done again. */
  resumeFrom(): State | undefined;
  /**
   * Publishes progress (0–1, never below what was reported) and a message; also a heartbeat.
   * Reports closer together than the throttle are merged (the latest is sent at the end of the window).
   */
  reportProgress(progress: number, message?: string): void;
  /**
   * Saves `state` in the service's own schema (what `resumeFrom()` returns after a restart), then
   * throws JobCancelledError if the job was cancelled, or JobInterruptedError if this worker must let go.
   */
  checkpoint(state: State, progress?: number, message?: string): Promise<void>;
  /** Throws JobCancelledError / JobInterruptedError as `checkpoint` does, without saving anything. */
  throwIfCancelled(): Promise<void>;
}

/** Runs one job of a type; returns what the job produced (links, ids), published with `job.lifecycle.completed`. */
export type JobHandler<Input = unknown, State = unknown> = (context: JobContext<Input, State>) => Promise<JobResult>;

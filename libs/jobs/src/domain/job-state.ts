import type { JobErrorView, JobResult, JobStatus } from '#contracts';

/** Everything the read model knows about one job. */
export interface JobState {
  id: string;
  userId: string;
  type: string;
  service: string;
  title: string | null;
  status: JobStatus;
  progress: number;
  message: string | null;
  attempts: number;
  cancelRequested: boolean;
  result: JobResult | null;
  error: JobErrorView | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Last sign of life from the worker (start, progress); the watchdog measures silence from here. */
  lastHeartbeatAt: Date | null;
  estimatedCompletion: Date | null;
}

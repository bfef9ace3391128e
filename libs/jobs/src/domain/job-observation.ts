import type { JobResult } from '#contracts';

/** Who the job is: carried by every job event, so any of them can open the record. */
export interface JobIdentity {
  jobId: string;
  userId: string;
  type: string;
  service: string;
}

/** A fact the producing service reported about a job, as the read model applies it. */
export type JobObservation =
  | { kind: 'created'; at: Date; title?: string; estimatedCompletion?: Date }
  | { kind: 'started'; at: Date; attempt: number }
  | { kind: 'progress'; at: Date; progress: number; message: string | null; attempt: number; estimatedCompletion?: Date }
  | { kind: 'completed'; at: Date; result: JobResult }
  | { kind: 'failed'; at: Date; errorCode: string; reason: string }
  | { kind: 'cancelled'; at: Date; reason: string };

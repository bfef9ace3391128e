/** Where a job is in its life: pending → running → completed | failed | cancelled. */
export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export function isFinishedJobStatus(status: JobStatus): boolean {
  return FINISHED_JOB_STATUSES.includes(status);
}

/** What a finished job produced: links and ids the client follows (`audio_url`, `file_id`, `voice_id`…). */
export type JobResult = Record<string, string | number | boolean | null>;

export interface JobErrorView {
  code: string;
  reason: string;
}

/** A job as the API shows it (`GET /api/v1/jobs/{job_id}`). */
export interface JobView {
  job_id: string;
  /** Owned by the producing service, e.g. `voice.training`, `synthesis.async`. */
  type: string;
  status: JobStatus;
  /** 0–1, never decreasing. */
  progress: number;
  message: string | null;
  title: string | null;
  user_id: string;
  /** The service doing the work. */
  service: string;
  /** Runs started so far (a lost worker's job is run again from its last checkpoint). */
  attempts: number;
  cancel_requested: boolean;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  estimated_completion: string | null;
  result: JobResult | null;
  error: JobErrorView | null;
}

export const JOB_SORT_FIELDS = ['created_at', 'updated_at'] as const;
export type JobSortField = (typeof JOB_SORT_FIELDS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Who asks: a user sees their own jobs, an admin every job. */
export interface JobRequester {
  user_id: string;
  is_admin: boolean;
}

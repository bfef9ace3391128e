import type { JobStatus } from '#contracts';

/** A row of the producing service's `job_checkpoints`. */
export interface JobCheckpointRow {
  job_id: string;
  type: string;
  user_id: string;
  input: unknown;
  state: unknown;
  status: JobStatus;
  progress: number;
  message: string | null;
  attempt: number;
  worker_id: string | null;
  heartbeat_at: Date | null;
  cancel_requested: boolean;
  created_at: Date;
  updated_at: Date;
}

import type { JobStatus } from '#contracts';
import { Job, type JobState } from '../../domain/index.js';
import { JobRecord } from './job.entity.js';

export function toJob(record: JobRecord): Job {
  return Job.restore({
    id: record.id,
    userId: record.user_id,
    type: record.type,
    service: record.service,
    title: record.title,
    status: record.status as JobStatus,
    progress: record.progress,
    message: record.message,
    attempts: record.attempts,
    cancelRequested: record.cancel_requested,
    result: record.result,
    error: record.error_code === null ? null : { code: record.error_code, reason: record.error_reason ?? '' },
    createdAt: record.created_at,
    updatedAt: record.updated_at,
    startedAt: record.started_at,
    finishedAt: record.finished_at,
    lastHeartbeatAt: record.last_heartbeat_at,
    estimatedCompletion: record.estimated_completion,
  });
}

export function toJobRecord(job: Job): JobRecord {
  const s: Readonly<JobState> = job.snapshot();
  return Object.assign(new JobRecord(), {
    id: s.id,
    user_id: s.userId,
    type: s.type,
    service: s.service,
    title: s.title,
    status: s.status,
    progress: s.progress,
    message: s.message,
    attempts: s.attempts,
    cancel_requested: s.cancelRequested,
    result: s.result,
    error_code: s.error?.code ?? null,
    error_reason: s.error?.reason ?? null,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    started_at: s.startedAt,
    finished_at: s.finishedAt,
    last_heartbeat_at: s.lastHeartbeatAt,
    estimated_completion: s.estimatedCompletion,
  });
}

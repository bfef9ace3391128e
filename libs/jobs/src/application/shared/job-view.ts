import type { JobView } from '#contracts';
import type { Job } from '../../domain/index.js';

export function toJobView(job: Job): JobView {
  const s = job.snapshot();
  return {
    job_id: s.id,
    type: s.type,
    status: s.status,
    progress: s.progress,
    message: s.message,
    title: s.title,
    user_id: s.userId,
    service: s.service,
    attempts: s.attempts,
    cancel_requested: s.cancelRequested,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    started_at: s.startedAt?.toISOString() ?? null,
    finished_at: s.finishedAt?.toISOString() ?? null,
    estimated_completion: s.estimatedCompletion?.toISOString() ?? null,
    result: s.result,
    error: s.error,
  };
}

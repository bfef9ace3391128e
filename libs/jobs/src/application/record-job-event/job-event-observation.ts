import {
  JobCancelledEvent,
  JobCompletedEvent,
  JobCreatedEvent,
  JobFailedEvent,
  JobProgressEvent,
  JobStartedEvent,
  type JobCancelledPayload,
  type JobCompletedPayload,
  type JobCreatedPayload,
  type JobEventBase,
  type JobFailedPayload,
  type JobProgressPayload,
  type JobStartedPayload,
} from '#contracts';
import type { JobIdentity, JobObservation } from '../../domain/index.js';

/** A lifecycle event read as the job it names and the fact it reports; undefined when malformed. */
export function readJobEvent(type: string, payload: unknown): { identity: JobIdentity; observation: JobObservation } | undefined {
  if (!isJobEventBase(payload)) return undefined;
  const at = new Date(payload.at);
  if (Number.isNaN(at.getTime())) return undefined;
  const identity = { jobId: payload.job_id, userId: payload.user_id, type: payload.type, service: payload.service };
  const observation = observationOf(type, payload, at);
  return observation ? { identity, observation } : undefined;
}

function observationOf(type: string, payload: JobEventBase, at: Date): JobObservation | undefined {
  switch (type) {
    case JobCreatedEvent.type: {
      const created = payload as JobCreatedPayload;
      return { kind: 'created', at, title: created.title, estimatedCompletion: optionalDate(created.estimated_completion) };
    }
    case JobStartedEvent.type:
      return { kind: 'started', at, attempt: positive((payload as JobStartedPayload).attempt) };
    case JobProgressEvent.type: {
      const progress = payload as JobProgressPayload;
      if (typeof progress.progress !== 'number') return undefined;
      return {
        kind: 'progress',
        at,
        progress: progress.progress,
        message: typeof progress.message === 'string' ? progress.message : null,
        attempt: positive(progress.attempt),
        estimatedCompletion: optionalDate(progress.estimated_completion),
      };
    }
    case JobCompletedEvent.type:
      return { kind: 'completed', at, result: (payload as JobCompletedPayload).result ?? {} };
    case JobFailedEvent.type: {
      const failed = payload as JobFailedPayload;
      return { kind: 'failed', at, errorCode: String(failed.error_code), reason: String(failed.reason) };
    }
    case JobCancelledEvent.type:
      return { kind: 'cancelled', at, reason: String((payload as JobCancelledPayload).reason ?? 'Cancelled') };
    default:
      return undefined;
  }
}

function isJobEventBase(payload: unknown): payload is JobEventBase {
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as Record<string, unknown>;
  return ['job_id', 'user_id', 'type', 'service', 'at'].every((key) => typeof p[key] === 'string' && p[key] !== '');
}

function optionalDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function positive(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 1;
}

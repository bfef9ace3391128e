import { JobCancelledEvent, JobCompletedEvent, JobFailedEvent, JobProgressEvent, JobStartedEvent } from '#contracts';
import { JobProgressTracker } from './job-progress-tracker.js';

const base = { job_id: 'job_1', user_id: 'usr_a', type: 'test.countdown', service: 'test-worker' };
const initial = { job_id: 'job_1', status: 'pending' as const, progress: 0, message: null, timestamp: '2026-01-01T00:00:00.000Z' };

describe('JobProgressTracker', () => {
  it('turns events into the API text message shape, never going backwards', () => {
    const tracker = new JobProgressTracker(initial);
    expect(tracker.apply(JobStartedEvent.type, { ...base, at: '2026-01-01T00:00:01.000Z' })).toEqual({
      ...initial,
      status: 'running',
      timestamp: '2026-01-01T00:00:01.000Z',
    });
    expect(
      tracker.apply(JobProgressEvent.type, {
        ...base,
        at: '2026-01-01T00:00:02.000Z',
        progress: 0.5,
        message: 'Half',
        attempt: 1,
      } as never),
    ).toEqual({
      job_id: 'job_1',
      status: 'running',
      progress: 0.5,
      message: 'Half',
      timestamp: '2026-01-01T00:00:02.000Z',
    });
    expect(
      tracker.apply(JobProgressEvent.type, {
        ...base,
        at: '2026-01-01T00:00:03.000Z',
        progress: 0.4,
        message: 'Late',
        attempt: 1,
      } as never),
    ).toBeUndefined();
    expect(
      tracker.apply(JobProgressEvent.type, {
        ...base,
        job_id: 'job_2',
        at: '2026-01-01T00:00:03.000Z',
        progress: 0.9,
        message: 'Other',
        attempt: 1,
      } as never),
    ).toBeUndefined();
  });

  it('ends with the outcome: result when completed, error when failed, reason when cancelled', () => {
    const completed = new JobProgressTracker(initial);
    expect(completed.apply(JobCompletedEvent.type, { ...base, at: 'T', result: { file_id: 'file_1' } } as never)).toMatchObject({
      status: 'completed',
      progress: 1,
      result: { file_id: 'file_1' },
    });
    expect(completed.isFinal).toBe(true);
    expect(completed.apply(JobProgressEvent.type, { ...base, at: 'T', progress: 1, message: 'x', attempt: 1 } as never)).toBeUndefined();

    const failed = new JobProgressTracker(initial);
    expect(
      failed.apply(JobFailedEvent.type, { ...base, at: 'T', error_code: 'WORKER_LOST', reason: 'Lost', reported_by: 'jobs' } as never),
    ).toMatchObject({
      status: 'failed',
      error: { code: 'WORKER_LOST', reason: 'Lost' },
    });

    const cancelled = new JobProgressTracker(initial);
    expect(cancelled.apply(JobCancelledEvent.type, { ...base, at: 'T', reason: 'Cancelled by request' } as never)).toMatchObject({
      status: 'cancelled',
      message: 'Cancelled by request',
    });
  });
});

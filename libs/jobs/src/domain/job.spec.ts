import { ApplicationError } from '#contracts';
import { Job } from './job.js';

const identity = { jobId: 'job_1', userId: 'usr_a', type: 'test.countdown', service: 'test-worker' };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function opened(): Job {
  const job = Job.open(identity, at(0));
  job.apply({ kind: 'created', at: at(0), title: 'Countdown' });
  return job;
}

describe('Job (read model)', () => {
  it('goes pending → running → completed with progress, attempts and timestamps', () => {
    const job = opened();
    expect(job.snapshot()).toMatchObject({ status: 'pending', progress: 0, title: 'Countdown', attempts: 0 });

    job.apply({ kind: 'started', at: at(1), attempt: 1 });
    job.apply({ kind: 'progress', at: at(2), progress: 0.5, message: 'Half way', attempt: 1 });
    expect(job.snapshot()).toMatchObject({ status: 'running', progress: 0.5, message: 'Half way', attempts: 1, startedAt: at(1) });

    job.apply({ kind: 'completed', at: at(3), result: { file_id: 'file_1' } });
    expect(job.snapshot()).toMatchObject({
      status: 'completed',
      progress: 1,
      result: { file_id: 'file_1' },
      finishedAt: at(3),
      updatedAt: at(3),
    });
  });

  it('never moves backwards: late progress, a late start and events after the end change nothing', () => {
    const job = opened();
    job.apply({ kind: 'progress', at: at(3), progress: 0.7, message: 'Step 7', attempt: 1 });
    expect(job.apply({ kind: 'progress', at: at(2), progress: 0.4, message: 'Step 4', attempt: 1 })).toBe(true);
    expect(job.snapshot()).toMatchObject({ progress: 0.7, message: 'Step 7', status: 'running' });

    job.apply({ kind: 'failed', at: at(4), errorCode: 'BOOM', reason: 'It broke' });
    expect(job.apply({ kind: 'progress', at: at(5), progress: 0.9, message: 'Step 9', attempt: 1 })).toBe(false);
    expect(job.apply({ kind: 'completed', at: at(6), result: {} })).toBe(false);
    expect(job.snapshot()).toMatchObject({ status: 'failed', progress: 0.7, error: { code: 'BOOM', reason: 'It broke' } });
  });

  it('takes its identity from whichever event comes first, and a late `created` still names a finished job', () => {
    const job = Job.open(identity, at(5));
    job.apply({ kind: 'completed', at: at(5), result: {} });
    expect(job.apply({ kind: 'created', at: at(1), title: 'Countdown' })).toBe(true);
    expect(job.snapshot()).toMatchObject({ status: 'completed', title: 'Countdown', userId: 'usr_a' });
  });

  it('clamps progress to 0–1', () => {
    const job = opened();
    job.apply({ kind: 'progress', at: at(1), progress: 7, message: null, attempt: 1 });
    expect(job.snapshot().progress).toBe(1);
  });

  it('cancels a pending job at once, flags a running one once, and refuses a finished one with JOB_FINISHED', () => {
    const pending = opened();
    expect(pending.requestCancel(at(1))).toBe('cancelled');
    expect(pending.snapshot()).toMatchObject({ status: 'cancelled', finishedAt: at(1) });

    const running = opened();
    running.apply({ kind: 'started', at: at(1), attempt: 1 });
    expect(running.requestCancel(at(2))).toBe('requested');
    expect(running.requestCancel(at(3))).toBe('already-requested');
    expect(running.snapshot()).toMatchObject({ status: 'running', cancelRequested: true });
    running.apply({ kind: 'cancelled', at: at(4), reason: 'Cancelled by request' });
    expect(running.snapshot()).toMatchObject({ status: 'cancelled', cancelRequested: true });

    let refusal: unknown;
    try {
      running.requestCancel(at(5));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApplicationError);
    expect(refusal).toMatchObject({ code: 'JOB_FINISHED' });
  });

  it('is silent when a running job has not beaten since the cut-off; a redispatch restarts the clock and counts an attempt', () => {
    const job = opened();
    expect(job.isSilentSince(at(10))).toBe(false); // pending jobs wait in their queue
    job.apply({ kind: 'started', at: at(1), attempt: 1 });
    expect(job.isSilentSince(at(1))).toBe(false);
    expect(job.isSilentSince(at(2))).toBe(true);
    job.redispatched(at(5));
    expect(job.snapshot()).toMatchObject({ attempts: 2, lastHeartbeatAt: at(5) });
    expect(job.isSilentSince(at(4))).toBe(false);
    job.abandon(at(9), 2);
    expect(job.snapshot()).toMatchObject({ status: 'failed', error: { code: 'WORKER_LOST' } });
  });
});

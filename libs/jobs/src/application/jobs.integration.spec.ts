import {
  ApplicationError,
  CancelJobCommand,
  GetJobQuery,
  JobCreatedEvent,
  JobFailedEvent,
  JobProgressEvent,
  jobRunCommand,
  JobStartedEvent,
  ListJobsQuery,
  serviceStatsQuery,
  type JobEventBase,
  type JobView,
} from '#contracts';
import { createEnvelope } from '#messaging';
import { waitFor } from '#test-support';
import { startJobsTestService, type JobsTestService } from '../testing/jobs-test-service.js';

const owner = { user_id: 'usr_owner', is_admin: false };
const stranger = { user_id: 'usr_stranger', is_admin: false };
const admin = { user_id: 'usr_admin', is_admin: true };

function base(jobId: string, at = new Date()): JobEventBase {
  return { job_id: jobId, user_id: owner.user_id, type: 'test.countdown', service: 'fake-producer', at: at.toISOString() };
}

function eventually(what: string, condition: () => boolean): Promise<true> {
  return waitFor(what, async () => (condition() ? true : undefined), 5000, 20);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationError) return error.code;
    throw error;
  }
  throw new Error('Expected a refusal');
}

describe('jobs service (real PostgreSQL, in-process bus)', () => {
  let app: JobsTestService;
  const runCommands: string[] = [];

  beforeAll(async () => {
    app = await startJobsTestService({ heartbeatTimeoutMs: 1000, maxAttempts: 2, watchdogIntervalMs: 50 }, (caller) =>
      caller.handle(jobRunCommand('fake-producer'), async (payload) => {
        runCommands.push(payload.job_id);
      }),
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (jobId: string, requester = owner) => app.caller.query(GetJobQuery, { job_id: jobId, requester });

  async function settled(jobId: string, condition: (job: JobView) => boolean): Promise<JobView> {
    let last: JobView | undefined;
    await waitFor(
      `job ${jobId}`,
      async () => {
        last = await get(jobId).catch(() => undefined);
        return last !== undefined && condition(last) ? true : undefined;
      },
      5000,
    );
    return last!;
  }

  it('builds the read model from events that come twice and out of order, never moving a job backwards', async () => {
    const t0 = Date.now();
    const progress = createEnvelope(JobProgressEvent, {
      ...base('job_ooo', new Date(t0 + 300)),
      progress: 0.6,
      message: 'Step 6',
      attempt: 1,
    });
    await app.caller.publishEnvelopes([progress, progress]);
    await app.caller.publish(JobCreatedEvent, { ...base('job_ooo', new Date(t0)), title: 'Countdown of 10' });
    await app.caller.publish(JobStartedEvent, { ...base('job_ooo', new Date(t0 + 100)), attempt: 1 });
    await app.caller.publish(JobProgressEvent, { ...base('job_ooo', new Date(t0 + 200)), progress: 0.3, message: 'Step 3', attempt: 1 });

    const job = await settled('job_ooo', (view) => view.title !== null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await get('job_ooo')).toMatchObject({
      status: 'running',
      progress: 0.6,
      message: 'Step 6',
      title: 'Countdown of 10',
      attempts: 1,
    });
    expect(job.created_at).toBe(new Date(t0).toISOString());
  });

  it('cancels a pending job at once (the producer hears the request), refuses a second cancel, and hides jobs from other users', async () => {
    await app.caller.publish(JobCreatedEvent, base('job_pending'));
    await settled('job_pending', () => true);

    expect(await refusal(app.caller.send(CancelJobCommand, { job_id: 'job_pending', requester: stranger }))).toBe('JOB_NOT_FOUND');
    expect(await refusal(get('job_pending', stranger))).toBe('JOB_NOT_FOUND');
    expect(await get('job_pending', admin)).toMatchObject({ job_id: 'job_pending' });

    const cancelled = await app.caller.send(CancelJobCommand, { job_id: 'job_pending', requester: owner });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancel_requested: false });
    await eventually('the cancel request event', () =>
      app.events.some((event) => event.type === 'job.control.cancel-requested' && (event.payload as JobEventBase).job_id === 'job_pending'),
    );
    expect(await refusal(app.caller.send(CancelJobCommand, { job_id: 'job_pending', requester: owner }))).toBe('JOB_FINISHED');

    const mine = await app.caller.query(ListJobsQuery, { requester: owner, page: 1, page_size: 10, status: 'cancelled' });
    expect(mine.jobs.map((job) => job.job_id)).toEqual(['job_pending']);
    expect((await app.caller.query(ListJobsQuery, { requester: stranger, page: 1, page_size: 10 })).pagination.total_count).toBe(0);
    expect(await refusal(app.caller.query(ListJobsQuery, { requester: owner, page: 1, page_size: 500 }))).toBe('VALIDATION_ERROR');
  });

  it('re-dispatches a silent running job to its service, then fails it with WORKER_LOST after the last attempt', async () => {
    await app.caller.publish(JobStartedEvent, { ...base('job_silent'), attempt: 1 });
    const failed = await settled('job_silent', (view) => view.status === 'failed');

    expect(failed).toMatchObject({ attempts: 2, error: { code: 'WORKER_LOST' } });
    expect(runCommands.filter((id) => id === 'job_silent')).toHaveLength(1);
    await eventually('the failure event', () =>
      app.events.some((event) => event.type === JobFailedEvent.type && (event.payload as JobEventBase).job_id === 'job_silent'),
    );
    const event = app.events.find((e) => e.type === JobFailedEvent.type && (e.payload as JobEventBase).job_id === 'job_silent')!;
    expect(event.payload).toMatchObject({ service: 'fake-producer', error_code: 'WORKER_LOST', reported_by: 'jobs' });
  });

  it('reports its counts for the admin stats', async () => {
    // job_ooo went silent too, and met the same end as job_silent.
    await settled('job_ooo', (view) => view.status === 'failed');
    expect(await app.caller.query(serviceStatsQuery('jobs'), {})).toEqual({
      jobs: { total: 3, pending: 0, running: 0, completed: 0, failed: 2, cancelled: 1 },
    });
  });
});

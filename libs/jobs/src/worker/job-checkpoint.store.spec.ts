import type { DataSource } from 'typeorm';
import { JobCancelledEvent, JobStartedEvent, type MessageEnvelope } from '#contracts';
import { createEnvelope } from '#messaging';
import { createServiceDataSource, runServiceMigrations, schemaOf, serviceFoundationMigration } from '#persistence';
import { cleanUp, TEST_DATABASE_URL, uniqueTestService } from '../../../persistence/src/testing/test-database.js';
import { JobCheckpointStore } from './job-checkpoint.store.js';
import { jobCheckpointsMigration } from './job-checkpoints.migration.js';

const started = (row: { job_id: string; attempt: number }): MessageEnvelope[] => [
  createEnvelope(JobStartedEvent, {
    job_id: row.job_id,
    user_id: 'usr_a',
    type: 't.job',
    service: 'svc',
    at: new Date().toISOString(),
    attempt: row.attempt,
  }),
];
const cancelled = (row: { job_id: string }): MessageEnvelope[] => [
  createEnvelope(JobCancelledEvent, {
    job_id: row.job_id,
    user_id: 'usr_a',
    type: 't.job',
    service: 'svc',
    at: new Date().toISOString(),
    reason: 'x',
  }),
];

describe('JobCheckpointStore (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let store: JobCheckpointStore;
  let notified = 0;

  beforeAll(async () => {
    const service = uniqueTestService();
    dataSource = createServiceDataSource({
      service,
      url: TEST_DATABASE_URL,
      migrations: [serviceFoundationMigration(service, 1700000000000), jobCheckpointsMigration(1700000000001)],
      poolSize: 4,
    });
    await runServiceMigrations(dataSource);
    store = new JobCheckpointStore(dataSource, () => notified++);
  });

  afterAll(async () => {
    await cleanUp([dataSource]);
  });

  async function outboxTypes(jobId: string): Promise<string[]> {
    const rows = (await dataSource.query(
      `SELECT type FROM "${schemaOf(dataSource)}".outbox WHERE payload->'payload'->>'job_id' = $1 ORDER BY created_at`,
      [jobId],
    )) as Array<{
      type: string;
    }>;
    return rows.map((row) => row.type);
  }

  it('a pending job cancelled before any worker takes it ends cancelled and never starts', async () => {
    await store.create({ job_id: 'job_p', type: 't.job', user_id: 'usr_a', input: { n: 1 } }, []);
    expect(await store.requestCancel('job_p', cancelled)).toBe('cancelled');
    expect(await store.claim('job_p', 'worker-1', 1000, started, cancelled)).toEqual({ kind: 'finished' });
    expect(await outboxTypes('job_p')).toEqual(['job.lifecycle.cancelled']);
    expect(notified).toBeGreaterThan(0);
  });

  it('a held job is not taken while its holder beats; a silent holder loses it to the next worker, which resumes from the checkpoint', async () => {
    await store.create({ job_id: 'job_h', type: 't.job', user_id: 'usr_a', input: null }, []);
    const first = await store.claim('job_h', 'worker-1', 300, started, cancelled);
    expect(first).toMatchObject({ kind: 'claimed', row: { attempt: 1, worker_id: 'worker-1' } });
    expect(await store.checkpoint('job_h', 'worker-1', { done: 3 }, 0.3, 'Step 3')).toBe('continue');

    expect(await store.claim('job_h', 'worker-2', 300, started, cancelled)).toMatchObject({ kind: 'held', workerId: 'worker-1' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const second = await store.claim('job_h', 'worker-2', 300, started, cancelled);
    expect(second).toMatchObject({ kind: 'claimed', row: { attempt: 2, worker_id: 'worker-2', state: { done: 3 }, progress: 0.3 } });

    // The old holder, back from the dead, is told it lost the job and cannot end it.
    expect(await store.beat('job_h', 'worker-1', 0.4, null)).toBe('lost');
    expect(await store.finish('job_h', 'worker-1', 'completed', () => [])).toBe(false);
    expect(await outboxTypes('job_h')).toEqual(['job.lifecycle.started', 'job.lifecycle.started']);
  });

  it('a running job flagged for cancellation says so at its next beat; an abandoned one tells its holder it is lost', async () => {
    await store.create({ job_id: 'job_c', type: 't.job', user_id: 'usr_a', input: null }, []);
    await store.claim('job_c', 'worker-1', 1000, started, cancelled);
    expect(await store.requestCancel('job_c', cancelled)).toBe('flagged');
    expect(await store.beat('job_c', 'worker-1', 0.5, null)).toBe('cancel');
    expect(await store.finish('job_c', 'worker-1', 'cancelled', cancelled)).toBe(true);
    expect((await store.read('job_c'))?.status).toBe('cancelled');

    await store.create({ job_id: 'job_l', type: 't.job', user_id: 'usr_a', input: null }, []);
    await store.claim('job_l', 'worker-1', 1000, started, cancelled);
    expect(await store.markAbandoned('job_l')).toBe(true);
    expect(await store.checkpoint('job_l', 'worker-1', {}, 0.9, null)).toBe('lost');
    expect(await store.markAbandoned('job_l')).toBe(false);
  });
});

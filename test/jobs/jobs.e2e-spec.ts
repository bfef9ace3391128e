import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { JobView, SessionTokens } from '#contracts';
import { ApiClient, AppProcess, appEntry, createTestDatabase, createTestVhost, freePort, waitFor, testFileSettings } from '#test-support';
import { readProgressEvents, watchProgressSocket } from './support/progress-clients.js';

/**
 * Jobs end to end, as deployed: identity, jobs, the gateway and test workers (test/support/job-worker,
 * a service that runs `test.countdown` jobs with the JobRunner), each its own process on the real
 * PostgreSQL and RabbitMQ. Users act over HTTP and WebSocket/SSE; the test starts countdowns on a
 * worker's own HTTP port (no public route starts test jobs).
 */
const JWT_SECRET = `e2e-${randomUUID()}-${randomUUID()}`;
const PASSWORD = 'correct horse battery staple';
const HEARTBEAT_TIMEOUT_MS = 1500;
const WORKER_ENTRY = 'dist/test/support/job-worker/main.js';

interface CountdownResult {
  steps: number;
  resumed_from: number;
  runs: string;
}

describe('jobs (identity + jobs + gateway + test workers)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let vhost: Awaited<ReturnType<typeof createTestVhost>>;
  const processes: AppProcess[] = [];
  let api: ApiClient;
  let gatewayPort: number;
  let db: pg.Client;
  let common: Record<string, string>;
  let alice: string;
  let bob: string;
  let aliceId: string;
  let workerA: { process: AppProcess; url: string };

  async function startWorker(name: string): Promise<{ process: AppProcess; url: string }> {
    const port = await freePort();
    const worker = new AppProcess(name, WORKER_ENTRY, {
      ...common,
      DATABASE_URL: database.url,
      PORT: String(port),
      WORKER_NAME: name,
    }).start();
    processes.push(worker);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${name} ready`, async () => ((await fetch(`${url}/health/ready`)).ok ? true : undefined), 30000, 200).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${worker.logTail()}`);
      },
    );
    return { process: worker, url };
  }

  async function startCountdown(workerUrl: string, userId: string, steps: number, stepMs: number): Promise<string> {
    const response = await fetch(`${workerUrl}/countdowns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: userId, steps, step_ms: stepMs }),
    });
    const body = (await response.json()) as { job_id: string };
    expect(body.job_id).toMatch(/^job_[0-9a-z]+$/);
    return body.job_id;
  }

  async function jobOf(jobId: string, token = alice): Promise<JobView> {
    const response = await api.get<JobView>(`/jobs/${jobId}`, { token });
    expect(response.status).toBe(200);
    return response.body.data!;
  }

  /**
   * Polls the jobs service's read model in its schema (polling over HTTP would run into the per-user
   * rate limit), then returns the job as the API shows it.
   */
  async function until(what: string, jobId: string, condition: (job: { status: string; progress: number }) => boolean, timeoutMs = 15000) {
    await waitFor(
      what,
      async () => {
        const { rows } = await db.query<{ status: string; progress: number }>('SELECT status, progress FROM jobs.jobs WHERE id = $1', [
          jobId,
        ]);
        return rows[0] && condition(rows[0]) ? true : undefined;
      },
      timeoutMs,
      25,
    );
    return jobOf(jobId);
  }

  async function checkpointOf(jobId: string): Promise<{ status: string; completed_steps: number; cancel_requested: boolean }> {
    const { rows } = await db.query<{ status: string; state: { completed_steps: number } | null; cancel_requested: boolean }>(
      'SELECT status, state, cancel_requested FROM test_worker.job_checkpoints WHERE job_id = $1',
      [jobId],
    );
    const row = rows[0]!;
    return { status: row.status, completed_steps: row.state?.completed_steps ?? 0, cancel_requested: row.cancel_requested };
  }

  beforeAll(async () => {
    [database, vhost] = await Promise.all([createTestDatabase('voxify_jobs_e2e'), createTestVhost('voxify-jobs-e2e')]);
    common = {
      AMQP_URL: vhost.url,
      JWT_SECRET,
      ...testFileSettings(),
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '2000',
      OUTBOX_POLL_INTERVAL_MS: '200',
    };
    processes.push(
      new AppProcess('identity', appEntry('identity'), { ...common, DATABASE_URL: database.url, PORT: String(await freePort()) }).start(),
      new AppProcess('jobs', appEntry('jobs'), {
        ...common,
        DATABASE_URL: database.url,
        PORT: String(await freePort()),
        JOB_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
        JOB_MAX_ATTEMPTS: '2',
        JOB_WATCHDOG_INTERVAL_MS: '200',
      }).start(),
    );
    gatewayPort = await freePort();
    processes.push(new AppProcess('gateway', appEntry('api-gateway'), { ...common, PORT: String(gatewayPort), GRPC_PORT: '0' }).start());
    api = new ApiClient(`http://127.0.0.1:${gatewayPort}/api/v1`);
    await waitFor(
      'identity and jobs ready behind the gateway',
      async () => {
        const health = await api.get<{ services: Record<string, { status: string }> }>('/health');
        const services = health.body.data?.services;
        return services?.identity?.status === 'ready' && services?.jobs?.status === 'ready' ? true : undefined;
      },
      45000,
      300,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${processes.map((p) => p.logTail()).join('\n')}`);
    });
    const session = async (name: string) => {
      const email = `${name}.${randomUUID().slice(0, 8)}@example.com`;
      const registered = await api.post<{ user_id: string }>('/auth/register', {
        email,
        password: PASSWORD,
        first_name: name,
        last_name: 'Test',
      });
      const login = await api.post<SessionTokens>('/auth/login', { email, password: PASSWORD });
      return { id: registered.body.data!.user_id, token: login.body.data!.access_token };
    };
    const [a, b] = await Promise.all([session('alice'), session('bob')]);
    [alice, aliceId, bob] = [a.token, a.id, b.token];
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    workerA = await startWorker('worker-a');
  }, 90000);

  afterAll(async () => {
    await db?.end();
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await Promise.allSettled([database?.drop(), vhost?.drop()]);
  }, 30000);

  it('runs a job that a client watches live over WebSocket, each progress within 200 ms of the worker reporting it', async () => {
    const jobId = await startCountdown(workerA.url, aliceId, 8, 150);
    await until('the job in the read model', jobId, () => true);

    const socket = watchProgressSocket(`ws://127.0.0.1:${gatewayPort}/api/v1/jobs/${jobId}/progress/ws`, {
      authorization: `Bearer ${alice}`,
    });
    await socket.opened;
    const closed = await socket.closed;

    expect(closed.code).toBe(1000);
    const messages = socket.messages.map((m) => m.message);
    expect(messages[0]).toMatchObject({ job_id: jobId });
    const final = messages.at(-1)!;
    expect(final).toMatchObject({ job_id: jobId, status: 'completed', progress: 1 });
    expect(JSON.parse(String((final.result as unknown as CountdownResult).runs))).toHaveLength(8);
    const progress = messages.map((m) => m.progress);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    const steps = messages.filter((m) => m.status === 'running' && /^Step \d+ of 8$/.test(m.message ?? ''));
    expect(steps.length).toBeGreaterThanOrEqual(6);

    // Latency: from the worker's report (the message's timestamp) to its arrival here, same machine clock.
    const latencies = socket.messages
      .filter((m) => m.message.status === 'running' && m.message.message?.startsWith('Step'))
      .map((m) => m.receivedAt - Date.parse(m.message.timestamp));
    const worst = Math.max(...latencies);
    process.stdout.write(`job progress latency over WebSocket: max ${worst} ms, all ${latencies.join(', ')} ms\n`);
    expect(worst).toBeLessThan(200);

    const view = await jobOf(jobId);
    expect(view).toMatchObject({
      status: 'completed',
      progress: 1,
      type: 'test.countdown',
      service: 'test-worker',
      user_id: aliceId,
      attempts: 1,
    });
    expect(view.result).toMatchObject({ steps: 8, resumed_from: 0 });
    expect(view.finished_at).not.toBeNull();

    // A client that connects after the end gets the final state and the close.
    const late = watchProgressSocket(`ws://127.0.0.1:${gatewayPort}/api/v1/jobs/${jobId}/progress/ws?access_token=${alice}`);
    expect(await late.closed).toMatchObject({ code: 1000 });
    expect(late.messages.map((m) => m.message.status)).toEqual(['completed']);
  }, 30000);

  it('streams the same progress as Server-Sent Events with ?access_token=', async () => {
    const jobId = await startCountdown(workerA.url, aliceId, 5, 100);
    await until('the job in the read model', jobId, () => true);
    const stream = await readProgressEvents(`http://127.0.0.1:${gatewayPort}/api/v1/jobs/${jobId}/events?access_token=${alice}`, 15000);
    expect(stream).toMatchObject({ status: 200, ended: true });
    expect(stream.messages.at(-1)).toMatchObject({ job_id: jobId, status: 'completed', progress: 1 });
    expect(stream.messages.length).toBeGreaterThanOrEqual(3);

    expect((await readProgressEvents(`http://127.0.0.1:${gatewayPort}/api/v1/jobs/${jobId}/events`, 5000)).status).toBe(401);
  }, 30000);

  it('cancels a running job: it stops at its next checkpoint and later steps never run; a finished job answers 409', async () => {
    const jobId = await startCountdown(workerA.url, aliceId, 30, 100);
    await until('the job to pass step 3', jobId, (job) => job.progress >= 0.1);

    const cancel = await api.post<JobView>(`/jobs/${jobId}/cancel`, undefined, { token: alice });
    expect(cancel.status).toBe(200);
    expect(cancel.body.data).toMatchObject({ job_id: jobId, status: 'running', cancel_requested: true });

    const cancelled = await until('the job to be cancelled', jobId, (job) => job.status === 'cancelled', 5000);
    expect(cancelled.progress).toBeLessThan(1);
    const stoppedAt = await checkpointOf(jobId);
    expect(stoppedAt.status).toBe('cancelled');
    expect(stoppedAt.completed_steps).toBeLessThan(30);
    await new Promise((resolve) => setTimeout(resolve, 500)); // five more steps' worth of time
    expect((await checkpointOf(jobId)).completed_steps).toBe(stoppedAt.completed_steps);
    expect((await jobOf(jobId)).progress).toBe(cancelled.progress);

    const again = await api.post(`/jobs/${jobId}/cancel`, undefined, { token: alice });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('JOB_FINISHED');
  }, 30000);

  it('keeps users apart: another user gets 404 for the job, its cancel and its progress stream, and does not list it', async () => {
    const jobId = await startCountdown(workerA.url, aliceId, 2, 50);
    await until('the job to complete', jobId, (job) => job.status === 'completed');

    const seen = await api.get(`/jobs/${jobId}`, { token: bob });
    expect(seen.status).toBe(404);
    expect(seen.body.error?.code).toBe('JOB_NOT_FOUND');
    expect((await api.post(`/jobs/${jobId}/cancel`, undefined, { token: bob })).status).toBe(404);
    const socket = watchProgressSocket(`ws://127.0.0.1:${gatewayPort}/api/v1/jobs/${jobId}/progress/ws`, {
      authorization: `Bearer ${bob}`,
    });
    expect(await socket.closed).toMatchObject({ code: 4404, reason: 'JOB_NOT_FOUND' });
    expect(socket.messages).toHaveLength(0);

    const bobs = await api.get<{ jobs: JobView[]; pagination: { total_count: number } }>('/jobs', { token: bob });
    expect(bobs.body.data).toMatchObject({ jobs: [], pagination: { total_count: 0 } });

    const alices = await api.get<{ jobs: JobView[]; pagination: { total_count: number; page_size: number } }>(
      '/jobs?status=completed&type=test.countdown&sort=created_at&order=asc&page_size=2',
      { token: alice },
    );
    expect(alices.status).toBe(200);
    expect(alices.body.data!.pagination).toMatchObject({ page_size: 2 });
    expect(alices.body.data!.pagination.total_count).toBeGreaterThanOrEqual(3);
    const created = alices.body.data!.jobs.map((job) => job.created_at);
    expect(created).toEqual([...created].sort());
    expect(alices.body.data!.jobs.every((job) => job.status === 'completed')).toBe(true);
    expect((await api.get('/jobs?status=sleeping', { token: alice })).status).toBe(400);
  }, 30000);

  it('finishes the job of a killed worker on another worker from its last checkpoint, without redoing finished steps', async () => {
    // 20 steps of 250 ms: enough left after the read model shows a quarter done, even on a loaded machine.
    const jobId = await startCountdown(workerA.url, aliceId, 20, 250);
    const workerB = await startWorker('worker-b');
    await until('a quarter of the job done', jobId, (job) => job.progress >= 0.25);
    await workerA.process.stop('SIGKILL');

    const done = await until('the job to complete on worker-b', jobId, (job) => job.status === 'completed', 20000);
    const runs = JSON.parse(String(done.result!.runs)) as Array<{ step: number; worker: string; attempt: number }>;
    expect(runs.map((run) => run.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const byA = runs.filter((run) => run.worker === 'worker-a');
    const byB = runs.filter((run) => run.worker === 'worker-b');
    expect(byA.length).toBeGreaterThanOrEqual(4);
    expect(byB.length).toBeGreaterThan(0);
    expect(byB[0]!.step).toBe(byA.at(-1)!.step + 1);
    expect(byB.every((run) => run.attempt === 2)).toBe(true);
    expect(done.result).toMatchObject({ resumed_from: byA.length });
    expect(done.attempts).toBe(2);

    // Then the watchdog: the only worker dies mid-job and none comes back; after JOB_MAX_ATTEMPTS (2) runs → WORKER_LOST.
    const doomed = await startCountdown(workerB.url, aliceId, 50, 100);
    await until('the doomed job running', doomed, (job) => job.progress > 0);
    await workerB.process.stop('SIGKILL');
    const lost = await until('the watchdog to give up', doomed, (job) => job.status === 'failed', HEARTBEAT_TIMEOUT_MS * 4 + 5000).catch(
      async (error: unknown) => {
        throw new Error(`${String(error)}\n${JSON.stringify(await jobOf(doomed))}\n${processes[1]!.logTail(40)}`);
      },
    );
    expect(lost.error).toMatchObject({ code: 'WORKER_LOST' });
    expect(lost.attempts).toBe(2);
  }, 60000);
});

import { randomUUID } from 'node:crypto';
import type { PlatformConfig, SessionTokens, UserView } from '#contracts';
import {
  ApiClient,
  AppProcess,
  appEntry,
  createTestDatabase,
  createTestVhost,
  freePort,
  waitFor,
  type ApiResponse,
  testFileSettings,
} from '#test-support';

/**
 * Admin stats and runtime settings end to end, as deployed: identity and TWO gateway replicas, each
 * its own process, on the real PostgreSQL and RabbitMQ (rate-limit counters in each replica's
 * memory, so each replica must apply a change itself). Every step goes over HTTP.
 */
const JWT_SECRET = `e2e-${randomUUID()}-${randomUUID()}`;
const ADMIN = { email: 'root@voxify.test', password: 'Admin-password-42' };
const PASSWORD = 'correct horse battery staple';

interface AdminStats {
  users: { total: number; active_today: number; new_this_week: number } | null;
  voice_samples: unknown;
  syntheses: unknown;
  jobs: unknown;
  files: unknown;
  system: { cpu_usage: number; memory_usage: number; disk_usage: number };
  unavailable_services: string[];
}

describe('admin stats and runtime settings (identity + two gateway replicas)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let vhost: Awaited<ReturnType<typeof createTestVhost>>;
  const processes: AppProcess[] = [];
  let a: ApiClient;
  let b: ApiClient;
  let adminToken: string;

  let clientCounter = 0;
  /** A distinct client address per call, so the per-IP limits on the auth routes never get in the way. */
  const fromAddress = () => ({ 'x-forwarded-for': `198.51.100.${++clientCounter}` });

  async function register(client: ApiClient): Promise<UserView> {
    const email = `user.${randomUUID().slice(0, 8)}@example.com`;
    const response = await client.post<UserView>(
      '/auth/register',
      { email, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' },
      { headers: fromAddress() },
    );
    expect(response.status).toBe(201);
    return response.body.data!;
  }

  async function login(client: ApiClient, email: string, password = PASSWORD): Promise<string> {
    const response = await client.post<SessionTokens>('/auth/login', { email, password }, { headers: fromAddress() });
    expect(response.status).toBe(200);
    return response.body.data!.access_token;
  }

  const putConfig = (body: unknown, token = adminToken) => a.request<PlatformConfig>('PUT', '/admin/config', { token, body });

  beforeAll(async () => {
    [database, vhost] = await Promise.all([createTestDatabase('voxify_admin_e2e'), createTestVhost('voxify-admin-e2e')]);
    const common = { AMQP_URL: vhost.url, JWT_SECRET, ...testFileSettings(), LOG_LEVEL: 'debug', SHUTDOWN_GRACE_MS: '2000' };
    processes.push(
      new AppProcess('identity', appEntry('identity'), {
        ...common,
        DATABASE_URL: database.url,
        PORT: String(await freePort()),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      }).start(),
    );
    const urls: string[] = [];
    for (const name of ['gateway-a', 'gateway-b']) {
      const port = await freePort();
      processes.push(
        new AppProcess(name, appEntry('api-gateway'), {
          ...common,
          PORT: String(port),
          TRUST_PROXY: 'true',
          GRPC_ENABLED: 'false',
        }).start(),
      );
      urls.push(`http://127.0.0.1:${port}/api/v1`);
    }
    [a, b] = urls.map((url) => new ApiClient(url)) as [ApiClient, ApiClient];
    await waitFor(
      'identity reachable through both gateways',
      async () => {
        const [ra, rb] = await Promise.all([a.get('/health'), b.get('/health')]);
        const identityReady = (r: ApiResponse) =>
          (r.body.data as { services?: { identity?: { status: string } } })?.services?.identity?.status === 'ready';
        return identityReady(ra) && identityReady(rb) ? true : undefined;
      },
      45000,
      300,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${processes.map((p) => p.logTail()).join('\n')}`);
    });
    adminToken = await login(a, ADMIN.email, ADMIN.password);
  }, 60000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await Promise.allSettled([database?.drop(), vhost?.drop()]);
  }, 30000);

  it('refuses the admin routes to a plain user with 403', async () => {
    const user = await register(a);
    const token = await login(b, user.email);
    for (const response of [
      await b.get('/admin/stats', { token }),
      await b.get('/admin/config', { token }),
      await putConfig({ file_expiry_hours: 1 }, token),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.error?.code).toBe('PERMISSION_DENIED');
    }
  });

  it('reports the users this test created, and null sections for the services that are not running', async () => {
    const before = (await a.get<AdminStats>('/admin/stats', { token: adminToken })).body.data!.users!;
    const created = [await register(a), await register(b), await register(a)];
    await login(a, created[0]!.email);
    await login(b, created[1]!.email);
    await login(b, created[1]!.email);

    const response = await b.get<AdminStats>('/admin/stats', { token: adminToken });
    expect(response.status).toBe(200);
    const stats = response.body.data!;
    expect(stats.users).toEqual({
      total: before.total + 3,
      active_today: before.active_today + 2,
      new_this_week: before.new_this_week + 3,
    });
    expect(stats).toMatchObject({ voice_samples: null, syntheses: null, jobs: null, files: null });
    expect(stats.unavailable_services).toEqual(['voice', 'synthesis', 'jobs', 'storage']);
    for (const usage of Object.values(stats.system)) {
      expect(usage).toBeGreaterThanOrEqual(0);
      expect(usage).toBeLessThanOrEqual(100);
    }
  });

  it('answers the stats within 200 ms', async () => {
    await a.get('/admin/stats', { token: adminToken });
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const startedAt = performance.now();
      const response = await (i % 2 ? a : b).get('/admin/stats', { token: adminToken });
      timings.push(Math.round((performance.now() - startedAt) * 10) / 10);
      expect(response.status).toBe(200);
    }
    console.info(`GET /admin/stats over HTTP, ms: ${timings.join(', ')}`);
    expect(Math.max(...timings)).toBeLessThan(200);
  });

  it('stores settings as versions: defaults first, validation per field, 409 on a stale expected version', async () => {
    const initial = await a.get<PlatformConfig>('/admin/config', { token: adminToken });
    expect(initial.body.data).toMatchObject({ version: 0, updated_at: null, updated_by: null });

    const invalid = await putConfig({ default_sample_rate: 12345, rate_limits: { burst: 1 } });
    expect(invalid.status).toBe(400);
    expect((invalid.body.error?.details as Array<{ field: string }>).map((detail) => detail.field).sort()).toEqual([
      'default_sample_rate',
      'rate_limits.burst',
    ]);
    const outOfBounds = await putConfig({ max_voice_samples_per_user: 1_000_000 });
    expect(outOfBounds.status).toBe(400);
    expect(outOfBounds.body.error?.details).toEqual([
      { field: 'max_voice_samples_per_user', messages: ['must be a whole number from 1 to 1000'] },
    ]);

    const stored = await putConfig({ expected_version: 0, max_synthesis_length: 1000 });
    expect(stored.status).toBe(200);
    expect(stored.body.data).toMatchObject({ version: 1, max_synthesis_length: 1000 });
    expect((await b.get<PlatformConfig>('/admin/config', { token: adminToken })).body.data).toEqual(stored.body.data);

    const stale = await putConfig({ expected_version: 0, max_synthesis_length: 2000 });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('CONFIG_VERSION_CONFLICT');
  });

  it('applies a lower requests_per_minute on both replicas without a restart: the next requests get 429 at the new limit', async () => {
    const [probe, counted] = [await register(a), await register(a)];
    const probeToken = await login(a, probe.email);
    const countedToken = await login(a, counted.email);

    const changed = await putConfig({ rate_limits: { requests_per_minute: 5 } });
    expect(changed.status).toBe(200);
    expect(changed.body.data?.rate_limits.requests_per_minute).toBe(5);

    for (const replica of [a, b]) {
      await waitFor(
        'the replica to apply the new limit',
        async () => ((await replica.get('/users/me', { token: probeToken })).headers.get('x-ratelimit-limit') === '5' ? true : undefined),
        5000,
        50,
      );
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await replica.get('/users/me', { token: countedToken })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await replica.get('/users/me', { token: countedToken });
      expect(refused.body.error?.code).toBe('RATE_LIMITED');
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });
});

import { BACKEND_SERVICES, type BackendServiceName } from '#contracts';
import { AppProcess, appEntry, createTestDatabase, createTestVhost, freePort, waitFor, testFileSettings } from '#test-support';

/**
 * The six apps as separate processes against the real PostgreSQL and RabbitMQ, as in production:
 * a request goes gateway → RabbitMQ → each service → its schema in PostgreSQL → back.
 */
interface HealthBody {
  success: boolean;
  data?: { status: string; services: Record<string, { status: string; schema_version?: string | null }> };
  error?: { code: string; details?: unknown };
}

describe('six apps as separate processes', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let vhost: Awaited<ReturnType<typeof createTestVhost>>;
  const apps = new Map<string, AppProcess>();
  let gatewayUrl: string;
  let baseEnv: NodeJS.ProcessEnv;

  const servicePorts = new Map<BackendServiceName, number>();

  function startService(service: BackendServiceName): AppProcess {
    const app = new AppProcess(service, appEntry(service), { ...baseEnv, PORT: String(servicePorts.get(service)) }).start();
    apps.set(service, app);
    return app;
  }

  async function health(): Promise<{ status: number; body: HealthBody }> {
    const response = await fetch(`${gatewayUrl}/api/v1/health`);
    return { status: response.status, body: (await response.json()) as HealthBody };
  }

  beforeAll(async () => {
    [database, vhost] = await Promise.all([createTestDatabase('voxify_e2e'), createTestVhost('voxify-e2e')]);
    baseEnv = {
      DATABASE_URL: database.url,
      AMQP_URL: vhost.url,
      LOG_LEVEL: 'info',
      HEALTH_TIMEOUT_MS: '1000',
      SHUTDOWN_GRACE_MS: '3000',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
      ...testFileSettings(),
      GRPC_PORT: '0',
    };
    for (const service of BACKEND_SERVICES) servicePorts.set(service, await freePort());
    const gatewayPort = await freePort();
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    for (const service of BACKEND_SERVICES) startService(service);
    apps.set('api-gateway', new AppProcess('api-gateway', appEntry('api-gateway'), { ...baseEnv, PORT: String(gatewayPort) }).start());
  }, 60000);

  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.stop('SIGKILL')));
    await Promise.allSettled([database?.drop(), vhost?.drop()]);
  }, 60000);

  function dumpLogs(): string {
    return [...apps.values()].map((app) => app.logTail()).join('\n');
  }

  it('answers /api/v1/health with every service ready, each having read its own schema', async () => {
    const ready = await waitFor(
      'all services healthy',
      async () => {
        const result = await health();
        return result.status === 200 ? result : undefined;
      },
      45000,
      300,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${dumpLogs()}`);
    });
    expect(ready.body.success).toBe(true);
    expect(ready.body.data?.status).toBe('healthy');
    for (const service of BACKEND_SERVICES) {
      expect(ready.body.data?.services[service]?.status).toBe('ready');
      // The latest migration of the service's own schema (`IdentityAccounts…`, `VoiceFoundation…`):
      // the round trip reached that service's tables.
      expect(ready.body.data?.services[service]?.schema_version).toMatch(new RegExp(`^${service}[A-Z]\\w*\\d{13}$`, 'i'));
    }
  }, 60000);

  it('serves each app’s own readiness probe and Prometheus metrics', async () => {
    const identityPort = servicePorts.get('identity');
    const ready = await fetch(`http://127.0.0.1:${identityPort}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'up', broker: 'up' } });
    const metrics = await (await fetch(`http://127.0.0.1:${identityPort}/metrics`)).text();
    expect(metrics).toContain('bus_messages_consumed_total{service="identity",type="identity.system.readiness",kind="query",outcome="ok"}');
    expect(metrics).toContain('process_cpu_seconds_total');
    const gatewayMetrics = await (await fetch(`${gatewayUrl}/metrics`)).text();
    expect(gatewayMetrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/health"/);
    expect(gatewayMetrics).toContain('bus_request_duration_seconds_count{service="api-gateway",type="voice.system.readiness"');
  });

  it('answers 503 naming a killed service, and recovers when it restarts', async () => {
    await apps.get('voice')?.stop('SIGKILL');
    const degraded = await waitFor('voice reported down', async () => {
      const result = await health();
      return result.status === 503 ? result : undefined;
    });
    expect(degraded.body.success).toBe(false);
    expect(degraded.body.error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(degraded.body.error?.details)).toContain('voice');
    expect(degraded.body.data?.services.voice?.status).not.toBe('ready');
    expect(degraded.body.data?.services.identity?.status).toBe('ready');

    startService('voice');
    const recovered = await waitFor(
      'voice back',
      async () => {
        const result = await health();
        return result.status === 200 ? result : undefined;
      },
      30000,
    );
    expect(recovered.body.data?.services.voice?.status).toBe('ready');
  }, 60000);

  it('stops every app gracefully on SIGTERM (exit code 0)', async () => {
    const codes = await Promise.all([...apps.values()].map((app) => app.stop('SIGTERM')));
    expect(codes).toEqual(codes.map(() => 0));
  }, 30000);
});

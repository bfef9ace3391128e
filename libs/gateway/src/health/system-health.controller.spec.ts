import type { BackendServiceName } from '#contracts';
import { createTestGateway, type TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend, readyResult } from '../testing/in-process-backend.js';

const HEALTH_TIMEOUT_MS = 300;

describe('GET /api/v1/health', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;
  const pendingAnswers: Array<() => void> = [];

  async function startGateway(): Promise<void> {
    gateway = await createTestGateway({ bus: backend.gatewayBus, healthTimeoutMs: HEALTH_TIMEOUT_MS, docsEnabled: false });
  }

  /** A readiness answer that comes only after the test (and the gateway's patience) is over. */
  function neverInTime(service: BackendServiceName) {
    return new Promise<ReturnType<typeof readyResult>>((resolve) => pendingAnswers.push(() => resolve(readyResult(service))));
  }

  beforeEach(() => {
    backend = new InProcessBackend();
  });

  afterEach(async () => {
    pendingAnswers.splice(0).forEach((answer) => answer());
    await gateway.close();
    await backend.close();
  });

  it('answers 200 healthy with what each service reported', async () => {
    await backend.startReadyServices();
    await startGateway();

    const response = await gateway.http.get('/api/v1/health');

    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({ status: 'healthy', version: '9.9.9-test' });
    expect(body.data.uptime_seconds).toEqual(expect.any(Number));
    expect(Object.keys(body.data.services).sort()).toEqual(['identity', 'jobs', 'storage', 'synthesis', 'voice']);
    expect(body.data.services.voice).toEqual({
      status: 'ready',
      checks: { database: 'up', broker: 'up' },
      schema_version: 'voice-0001',
      instance_id: 'voice-1',
      uptime_seconds: 42,
      latency_ms: expect.any(Number),
    });
  });

  it('answers 503 degraded, in the envelope, naming the service that is not running', async () => {
    await backend.startReadyServices(undefined, ['identity', 'voice', 'synthesis', 'jobs']);
    await startGateway();

    const response = await gateway.http.get('/api/v1/health');

    expect(response.status).toBe(503);
    const body = response.json();
    expect(body.success).toBe(false);
    expect(body.error).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Not ready: storage',
      details: { failing_services: ['storage'] },
    });
    expect(body.data.status).toBe('degraded');
    expect(body.data.services.storage).toEqual({
      status: 'unavailable',
      error: 'No instance is consuming its queue',
      latency_ms: expect.any(Number),
    });
    expect(body.data.services.identity.status).toBe('ready');
  });

  it('reports a service that does not answer in time as timeout, asking all services in parallel', async () => {
    await backend.startReadyServices((service) =>
      service === 'synthesis' || service === 'jobs' ? neverInTime(service) : Promise.resolve(readyResult(service)),
    );
    await startGateway();

    const startedAt = performance.now();
    const response = await gateway.http.get('/api/v1/health');
    const elapsedMs = performance.now() - startedAt;

    expect(response.status).toBe(503);
    const body = response.json();
    expect(body.error.details).toEqual({ failing_services: ['synthesis', 'jobs'] });
    expect(body.data.services.synthesis).toMatchObject({ status: 'timeout', error: `No answer within ${HEALTH_TIMEOUT_MS} ms` });
    expect(body.data.services.jobs.status).toBe('timeout');
    // Sequential checks would take at least two timeouts.
    expect(elapsedMs).toBeLessThan(2 * HEALTH_TIMEOUT_MS);
  });

  it('reports a service whose dependencies are down as not_ready', async () => {
    await backend.startReadyServices(async (service) =>
      service === 'identity' ? readyResult(service, { ready: false, checks: { database: 'down', broker: 'up' } }) : readyResult(service),
    );
    await startGateway();

    const response = await gateway.http.get('/api/v1/health');

    expect(response.status).toBe(503);
    expect(response.json().data.services.identity).toMatchObject({
      status: 'not_ready',
      checks: { database: 'down', broker: 'up' },
      error: 'Down: database',
    });
  });
});

describe('gateway probes', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;

  beforeEach(async () => {
    backend = new InProcessBackend();
    gateway = await createTestGateway({ bus: backend.gatewayBus, docsEnabled: false });
  });

  afterEach(async () => {
    await gateway.close();
    await backend.close();
  });

  it('serves /health/live outside the api/v1 prefix', async () => {
    const live = await gateway.http.get('/health/live');
    const prefixed = await gateway.http.get('/api/v1/health/live');

    expect(live.status).toBe(200);
    expect(live.json()).toEqual({ success: true, data: { status: 'alive' } });
    expect(prefixed.status).toBe(404);
  });

  it('is ready while its bus is connected, and answers 503 once it is not', async () => {
    const ready = await gateway.http.get('/health/ready');
    await backend.gatewayBus.close();
    const notReady = await gateway.http.get('/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ success: true, data: { status: 'ready' } });
    expect(notReady.status).toBe(503);
    expect(notReady.json()).toEqual({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The message bus is not connected' },
    });
  });
});

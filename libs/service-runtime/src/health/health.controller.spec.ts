import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppLifecycle } from './app-lifecycle.js';
import { HealthController } from './health.controller.js';
import type { ReadinessCheck } from './readiness-check.js';
import { READINESS_CHECKS } from '../runtime.tokens.js';
import { MetricsController } from '../metrics/metrics.controller.js';
import { PrometheusBusObserver } from '../metrics/prometheus-bus-observer.js';

class SwitchableCheck implements ReadinessCheck {
  up = true;
  constructor(readonly name: string) {}
  async isUp(): Promise<boolean> {
    return this.up;
  }
}

describe('ops endpoints', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  const database = new SwitchableCheck('database');
  const lifecycle = new AppLifecycle('storage');

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: AppLifecycle, useValue: lifecycle },
        { provide: READINESS_CHECKS, useValue: [database, new SwitchableCheck('broker')] },
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  async function get(path: string): Promise<{ status: number; body: string; contentType: string | null }> {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
  }

  afterAll(() => app.close());

  it('is ready while every dependency is up', async () => {
    const response = await get('/health/ready');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ready', app: 'storage', checks: { database: 'up', broker: 'up' } });
  });

  it('is not ready (503) while a dependency is down, but still live', async () => {
    database.up = false;
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'not_ready', checks: { database: 'down', broker: 'up' } });
    const live = await get('/health/live');
    expect(live.status).toBe(200);
    database.up = true;
  });

  it('turns not ready as soon as the app starts draining for shutdown', async () => {
    lifecycle.startDraining();
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'draining' });
  });

  it('exposes bus and process metrics in the Prometheus text format', async () => {
    const observer = new PrometheusBusObserver('storage');
    observer.published('storage.file.stored', 'event');
    observer.consumed('storage.file.store', 'command', 12, 'ok');
    observer.requestCompleted('identity.user.get', 'query', 3, 'timeout');
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/plain');
    expect(response.body).toContain('bus_messages_published_total{service="storage",type="storage.file.stored",kind="event"} 1');
    expect(response.body).toContain(
      'bus_messages_consumed_total{service="storage",type="storage.file.store",kind="command",outcome="ok"} 1',
    );
    expect(response.body).toContain(
      'bus_request_duration_seconds_count{service="storage",type="identity.user.get",kind="query",outcome="timeout"} 1',
    );
  });
});

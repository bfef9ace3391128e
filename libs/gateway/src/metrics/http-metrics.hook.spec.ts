import { register } from 'prom-client';
import { createTestGateway, type TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { SampleController } from '../testing/sample.controller.js';
import { httpRequestDurationHistogram, httpRequestsCounter } from './http-metrics.hook.js';

async function requestCount(labels: Partial<Record<'method' | 'route' | 'status_code', string>>): Promise<number> {
  const metric = await httpRequestsCounter().get();
  const matching = metric.values.filter((value) =>
    Object.entries(labels).every(([name, expected]) => value.labels[name as keyof typeof labels] === expected),
  );
  return matching.reduce((sum, value) => sum + value.value, 0);
}

describe('HTTP metrics', () => {
  let backend: InProcessBackend;
  let gateways: TestGateway[];

  beforeAll(async () => {
    backend = new InProcessBackend();
    // Two apps in one process, as in the embedded mode: the second must reuse the registered metrics.
    gateways = [
      await createTestGateway({ bus: backend.gatewayBus, controllers: [SampleController], docsEnabled: false }),
      await createTestGateway({ bus: backend.gatewayBus, controllers: [SampleController], docsEnabled: false }),
    ];
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await backend.close();
  });

  it('counts requests by route pattern, not by raw URL', async () => {
    const [gateway] = gateways;
    const before = await requestCount({ method: 'GET', route: '/api/v1/samples/:id', status_code: '200' });

    await gateway.http.get('/api/v1/samples/vs_1');
    await gateway.http.get('/api/v1/samples/vs_2');

    expect(await requestCount({ method: 'GET', route: '/api/v1/samples/:id', status_code: '200' })).toBe(before + 2);
    expect(await requestCount({ route: '/api/v1/samples/vs_1' })).toBe(0);
  });

  it('labels requests no route matched as unmatched', async () => {
    const before = await requestCount({ route: 'unmatched', status_code: '404' });

    await gateways[0].http.get('/api/v1/random/probe/123');

    expect(await requestCount({ route: 'unmatched', status_code: '404' })).toBe(before + 1);
  });

  it('records the duration with the status code of errors too', async () => {
    await gateways[1].http.post('/api/v1/samples', { json: { name: '' } });

    const histogram = await httpRequestDurationHistogram().get();
    const count = histogram.values.find(
      (value) =>
        value.metricName === 'http_request_duration_seconds_count' &&
        value.labels.route === '/api/v1/samples' &&
        value.labels.method === 'POST' &&
        value.labels.status_code === '400',
    );
    expect(count?.value).toBe(1);
  });

  it('keeps one metric of each name in the global registry', () => {
    expect(register.getSingleMetric('http_requests_total')).toBe(httpRequestsCounter());
    expect(register.getSingleMetric('http_request_duration_seconds')).toBe(httpRequestDurationHistogram());
  });
});

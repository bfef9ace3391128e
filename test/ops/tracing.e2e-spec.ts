import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { InProcessBroker, InProcessMessageBus, type BusOptions } from '#messaging';
import { loadStandaloneServiceConfig, ProcessTracing, startBackendService, type RunningService } from '#service-runtime';
import { createTestDatabase, waitFor } from '#test-support';
import { loadStandaloneGatewayConfig } from '../../apps/api-gateway/src/gateway.config.js';
import { startGateway, type RunningGateway } from '../../apps/api-gateway/src/gateway.app.js';
import { loadVoiceConfig } from '../../apps/voice/src/voice.config.js';
import { createVoiceService } from '../../apps/voice/src/voice.service.js';
import { gatewayTestEnv } from './support/gateway-test-env.js';

const SpanKind = { SERVER: 1, CLIENT: 2 } as const;

/**
 * One request through the gateway and a back-end service on the in-process bus, with the
 * in-memory exporter: the spans of both apps form one trace down to the service's database.
 */
describe('tracing across the gateway, the bus and a service', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let tracing: ProcessTracing;
  let service: RunningService | undefined;
  let gateway: RunningGateway | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('voxify_trace');
    tracing = ProcessTracing.start({ exporter: 'memory', serviceName: 'voxify-test', otlpEndpoint: 'http://127.0.0.1:4318' });
    const broker = new InProcessBroker();
    const createBus = async (options: BusOptions) => new InProcessMessageBus(broker, options);
    service = await startBackendService(createVoiceService(loadVoiceConfig({ FILES_DIR: '/tmp/voxify-trace-files' })), {
      databaseUrl: database.url,
      runtime: loadStandaloneServiceConfig('voice', { ...gatewayTestEnv(), DATABASE_URL: database.url, DATABASE_POOL_SIZE: '2' }),
      createBus,
      tracing,
    });
    gateway = await startGateway(loadStandaloneGatewayConfig(gatewayTestEnv()), createBus, tracing);
  }, 30000);

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
    await tracing?.shutdown();
    await database?.drop();
  }, 30000);

  /** The spans of the trace a request started, once the gateway's server span has ended. */
  async function traceOfRequest(headers: Record<string, string> = {}): Promise<ReadableSpan[]> {
    const response = await fetch(`${gateway!.url}/api/v1/health`, { headers });
    await response.arrayBuffer();
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const server = await waitFor('the gateway span', async () =>
      tracing.finishedSpans().find((span) => span.kind === SpanKind.SERVER && span.instrumentationScope.name === 'voxify.api-gateway'),
    );
    const traceId = server.spanContext().traceId;
    // The service's spans end before its reply reaches the gateway, so they are all there by now.
    return tracing.finishedSpans().filter((span) => span.spanContext().traceId === traceId);
  }

  beforeEach(() => {
    // The in-memory exporter keeps every finished span; each test looks at its own request only.
    tracing.resetSpans();
  });

  it('gives one request one trace: gateway server and client spans, the service handler span and its database spans', async () => {
    const spans = await traceOfRequest();
    const byScope = (scope: string) => spans.filter((span) => span.instrumentationScope.name === scope);

    const [server] = byScope('voxify.api-gateway').filter((span) => span.kind === SpanKind.SERVER);
    expect(server?.name).toBe('GET /api/v1/health');
    expect(server?.attributes['http.route']).toBe('/api/v1/health');
    expect(server?.parentSpanContext).toBeUndefined();

    const client = byScope('voxify.api-gateway').find((span) => span.name === 'send voice.system.readiness');
    expect(client?.kind).toBe(SpanKind.CLIENT);
    expect(client?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);

    const handler = byScope('voxify.voice').find((span) => span.name === 'handle voice.system.readiness');
    expect(handler?.kind).toBe(SpanKind.SERVER);
    expect(handler?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);

    const queries = byScope('voxify.voice').filter((span) => span.attributes['db.system.name'] === 'postgresql');
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      expect(query.kind).toBe(SpanKind.CLIENT);
      expect(query.parentSpanContext?.spanId).toBe(handler?.spanContext().spanId);
      expect(query.attributes['db.namespace']).toMatch(/\|voice$/);
    }
    expect(queries.map((query) => query.attributes['db.query.text']).join('\n')).toContain('SELECT');
  });

  it('continues a trace the caller started (incoming traceparent)', async () => {
    const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';
    const spans = await traceOfRequest({ traceparent: `00-${callerTraceId}-${callerSpanId}-01` });
    const server = spans.find((span) => span.kind === SpanKind.SERVER && span.instrumentationScope.name === 'voxify.api-gateway');
    expect(server?.spanContext().traceId).toBe(callerTraceId);
    expect(server?.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(spans.some((span) => span.instrumentationScope.name === 'voxify.voice')).toBe(true);
  });

  it('exposes the outbox lag of the service on /metrics', async () => {
    const metrics = await (await fetch(`${gateway!.url}/metrics`)).text();
    expect(metrics).toMatch(/^outbox_lag_messages\{service="voice"\} 0$/m);
    expect(metrics).toMatch(/^outbox_oldest_age_seconds\{service="voice"\} 0$/m);
  });
});

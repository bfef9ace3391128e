import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, register, type Metric } from 'prom-client';

type HttpLabel = 'method' | 'route' | 'status_code';
const HTTP_LABELS: HttpLabel[] = ['method', 'route', 'status_code'];
const DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label for requests no route matched, so probing random URLs cannot blow up the label set. */
export const UNMATCHED_ROUTE_LABEL = 'unmatched';

// In the embedded mode the six apps share one process and prom-client's global registry, so a
// metric another app (or an earlier test) created is reused rather than registered twice.
function getOrCreate<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

export function httpRequestDurationHistogram(): Histogram<HttpLabel> {
  return getOrCreate(
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'Time from receiving an HTTP request to sending its response',
        labelNames: HTTP_LABELS,
        buckets: DURATION_BUCKETS_SECONDS,
        registers: [register],
      }),
  );
}

export function httpRequestsCounter(): Counter<HttpLabel> {
  return getOrCreate(
    'http_requests_total',
    () => new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames: HTTP_LABELS, registers: [register] }),
  );
}

/** Records every answered request by route pattern (`/api/v1/voice/samples/:id`), never by raw URL. */
export function registerHttpMetricsHook(fastify: FastifyInstance): void {
  const duration = httpRequestDurationHistogram();
  const requests = httpRequestsCounter();
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.is404 ? UNMATCHED_ROUTE_LABEL : (request.routeOptions.url ?? UNMATCHED_ROUTE_LABEL),
      status_code: String(reply.statusCode),
    };
    duration.observe(labels, reply.elapsedTime / 1000);
    requests.inc(labels);
    done();
  });
}

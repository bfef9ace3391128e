import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { HttpRequestTrace, HttpRequestTracer } from '#gateway';
import { contextFromTraceparent, formatTraceparent } from './traceparent.js';

/** A server span per gateway request, named `METHOD /route/pattern` once the route is known. */
export class OtelHttpRequestTracer implements HttpRequestTracer {
  constructor(private readonly tracer: Tracer) {}

  startRequest(request: { method: string; path: string; traceparent?: string }): HttpRequestTrace {
    const parent = contextFromTraceparent(request.traceparent);
    const span = this.tracer.startSpan(
      request.method,
      { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: request.path } },
      parent,
    );
    let ended = false;
    return {
      traceparent: formatTraceparent(span.spanContext()),
      run: (next) => context.with(trace.setSpan(parent, span), next),
      end: ({ route, statusCode }) => {
        if (ended) return;
        ended = true;
        if (route) {
          span.setAttribute(ATTR_HTTP_ROUTE, route);
          span.updateName(`${request.method} ${route}`);
        }
        if (statusCode === undefined) span.setAttribute('voxify.request_aborted', true);
        else span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
        // Server spans fail on 5xx only: a 4xx is the client's mistake, not the server's.
        if (statusCode !== undefined && statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      },
    };
  }
}

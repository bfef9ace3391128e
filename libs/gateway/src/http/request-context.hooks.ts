import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runWithContext } from '#messaging';
import type { HttpRequestTrace, HttpRequestTracer } from './http-request-tracer.js';
import { REQUEST_ID_HEADER, requestIdFor, traceparentOf } from './request-id.js';

/**
 * Gives every request its id (`request.id`, echoed as `X-Request-Id`) and runs the rest of its
 * life inside a message context whose correlation id is that id, so every bus message it causes
 * (and every log line) carries it. Fastify calls the later hooks, the body parser's completion
 * (bound to the request's async resource) and the handler from `done`, so all of them run inside.
 * With a tracer, the request gets a server span (continuing an incoming `traceparent`) and the
 * context carries that span's traceparent instead.
 */
export function registerRequestContextHooks(fastify: FastifyInstance, tracer?: HttpRequestTracer): void {
  fastify.setGenReqId(requestIdFor);
  const traces = new WeakMap<FastifyRequest, HttpRequestTrace>();

  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const incoming = traceparentOf(request.raw);
    const trace = tracer?.startRequest({ method: request.method, path: request.url.split('?')[0] ?? '/', traceparent: incoming });
    const traceparent = trace ? trace.traceparent : incoming;
    const next = () => runWithContext(traceparent ? { correlationId: request.id, traceparent } : { correlationId: request.id }, done);
    if (!trace) return next();
    traces.set(request, trace);
    trace.run(next);
  });

  if (!tracer) return;
  const endTrace = (request: FastifyRequest, statusCode: number | undefined): void => {
    traces.get(request)?.end({ route: request.is404 ? undefined : request.routeOptions.url, statusCode });
    traces.delete(request);
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    endTrace(request, reply.statusCode);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    endTrace(request, undefined);
    done();
  });
}

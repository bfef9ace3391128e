import type { FastifyInstance } from 'fastify';
import { runWithContext } from '#messaging';
import { REQUEST_ID_HEADER, requestIdFor, traceparentOf } from './request-id.js';

/**
 * Gives every request its id (`request.id`, echoed as `X-Request-Id`) and runs the rest of its
 * life inside a message context whose correlation id is that id, so every bus message it causes
 * (and every log line) carries it. Fastify calls the later hooks, the body parser's completion
 * (bound to the request's async resource) and the handler from `done`, so all of them run inside.
 */
export function registerRequestContextHooks(fastify: FastifyInstance): void {
  fastify.setGenReqId(requestIdFor);

  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const traceparent = traceparentOf(request.raw);
    runWithContext(traceparent ? { correlationId: request.id, traceparent } : { correlationId: request.id }, done);
  });
}

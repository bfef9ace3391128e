import type { FastifyInstance } from 'fastify';
import { runWithContext } from '#messaging';
import { REQUEST_ID_HEADER, requestIdFor, traceparentOf } from './request-id.js';

/**
 * Gives every request its id (`request.id`, echoed as `X-Request-Id`) and runs its handler inside a
 * message context whose correlation id is that id, so every bus message it causes carries it.
 */
export function registerRequestContextHooks(fastify: FastifyInstance): void {
  fastify.setGenReqId(requestIdFor);

  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  // Opened in preHandler, after the body is parsed: the parser's stream callbacks would otherwise
  // run outside the scope. Later hooks and the Nest handler are called from `done`, so inside it.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const traceparent = traceparentOf(request.raw);
    runWithContext(traceparent ? { correlationId: request.id, traceparent } : { correlationId: request.id }, done);
  });
}

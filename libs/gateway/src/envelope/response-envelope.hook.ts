import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiSuccessEnvelope } from './api-envelope.js';
import type { EnvelopeRouteConfig } from './envelope-route-config.js';

const EMPTY_SUCCESS_BODY = '{"success":true,"data":null}';

/**
 * Wraps successful JSON bodies in `{ success: true, data, message? }` with Fastify hooks rather than
 * a Nest interceptor: an rxjs interceptor halves throughput on this stack (research/ceilings.md).
 *
 * preSerialization runs only for bodies Fastify is about to serialize as JSON, so strings, buffers
 * and streams (Swagger UI, /metrics, audio) pass untouched. Error bodies never reach it: the
 * exception filter sends them already serialized.
 */
export function registerResponseEnvelopeHooks(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    const config = (request.routeOptions.config ?? {}) as EnvelopeRouteConfig;
    if (config.rawResponse || reply.statusCode >= 400) {
      done(null, payload);
      return;
    }
    const envelope: ApiSuccessEnvelope<unknown> =
      config.responseMessage === undefined
        ? { success: true, data: payload }
        : { success: true, data: payload, message: config.responseMessage };
    done(null, envelope);
  });

  // A handler that returns nothing (or null) sends an empty body; a 2xx other than 204 still
  // promises the client an envelope.
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    const status = reply.statusCode;
    if (
      (payload !== undefined && payload !== null) ||
      status < 200 ||
      status >= 300 ||
      status === 204 ||
      request.method === 'HEAD' ||
      (request.routeOptions.config as EnvelopeRouteConfig | undefined)?.rawResponse
    ) {
      done(null, payload);
      return;
    }
    const message = (request.routeOptions.config as EnvelopeRouteConfig | undefined)?.responseMessage;
    reply.header('content-type', 'application/json; charset=utf-8');
    done(null, message === undefined ? EMPTY_SUCCESS_BODY : JSON.stringify({ success: true, data: null, message }));
  });
}

import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorEnvelope } from '../envelope/api-envelope.js';
import { describeApiError } from './describe-api-error.js';

/**
 * The one place an HTTP error becomes a response: every exception (controllers, pipes, guards,
 * Fastify's body parser, the not-found handler) leaves as `{ success: false, error }`.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();

    const described = describeApiError(exception, { unmatchedRoute: request.is404 });
    if (described.unexpected) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`Unexpected error on ${request.method} ${request.url} (request ${request.id})`, stack);
    } else if (described.status >= 500) {
      const reason = exception instanceof Error ? exception.message : String(exception);
      this.logger.warn(`${described.status} on ${request.method} ${request.url} (request ${request.id}): ${reason}`);
    }
    if (reply.sent) return;

    const envelope: ApiErrorEnvelope = { success: false, error: described.error };
    // Serialized here so that the success-envelope hook (preSerialization) never sees it.
    void reply.code(described.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(envelope));
  }
}

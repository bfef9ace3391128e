import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationError, JobErrorCode } from '#contracts';
import { ApiCredentials } from '../auth/access-policy.decorators.js';
import { PublicRoute } from '../routing/public-route.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { JobProgressMessageDto } from './dto/job-progress-message.dto.js';
import { JOB_ACCESS_ERRORS } from './jobs.http.controller.js';
import { JobProgressStreams } from './progress/job-progress-streams.js';
import { StreamAuthenticator } from './progress/stream-authenticator.js';

export const UPGRADE_REQUIRED = 'UPGRADE_REQUIRED';

const ACCESS_TOKEN_QUERY = {
  name: 'access_token',
  required: false,
  description: 'An access token (never an API key) for clients that cannot send the Authorization header',
};

/**
 * Live progress of one job. Both routes authenticate themselves (they are public to the guard) so
 * that browsers, which cannot set headers on EventSource or WebSocket, may pass `?access_token=`.
 */
@ApiTags('jobs')
@ApiCredentials()
@PublicRoute()
@Controller('jobs')
export class JobProgressHttpController {
  constructor(
    private readonly streams: JobProgressStreams,
    private readonly authenticator: StreamAuthenticator,
  ) {}

  @Get(':job_id/events')
  @ApiOperation({
    summary: 'Live progress as Server-Sent Events',
    description:
      'Each event is `data: <message>`: first the current state, then every change, as on the WebSocket. After the final ' +
      'message (completed, failed or cancelled) the server sends `event: end` and closes the stream.',
  })
  @ApiParam({ name: 'job_id', example: 'job_4f9k2m8q1x7c3v5b0n6z' })
  @ApiQuery(ACCESS_TOKEN_QUERY)
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'A stream of progress messages', type: JobProgressMessageDto })
  @ApiErrorResponses(JobErrorCode.JOB_NOT_FOUND, ...JOB_ACCESS_ERRORS)
  async events(@Param('job_id') jobId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = new URL(request.url, 'http://gateway').searchParams;
    const principal = await this.authenticator.authenticate(request.headers, query);
    const stream = await this.streams.open(principal, jobId);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
    });
    raw.flushHeaders();
    request.raw.on('close', () => stream.close());
    stream.start({
      send: (message) => raw.write(`data: ${JSON.stringify(message)}\n\n`),
      end: () => raw.end('event: end\ndata: {}\n\n'),
    });
  }

  @Get(':job_id/progress/ws')
  @ApiOperation({
    summary: 'Live progress over a WebSocket (upgrade this request)',
    description:
      'Send `Upgrade: websocket` with `Authorization: Bearer <token>` (or `?access_token=`). Each message is a JSON object ' +
      '(`job_id`, `status`, `progress`, `message`, `timestamp`; `result` or `error` on the final one): first the current ' +
      'state, then every change. The server closes with 1000 after the final message and with 4404 when the job is not ' +
      'yours or does not exist; bad credentials refuse the handshake (401/403). Without the upgrade: 426.',
  })
  @ApiParam({ name: 'job_id', example: 'job_4f9k2m8q1x7c3v5b0n6z' })
  @ApiQuery(ACCESS_TOKEN_QUERY)
  @ApiResponse({ status: 101, description: 'Switching protocols; messages follow', type: JobProgressMessageDto })
  @ApiErrorResponses(UPGRADE_REQUIRED)
  withoutUpgrade(): never {
    throw new ApplicationError(UPGRADE_REQUIRED, 'This endpoint speaks WebSocket: send the request with Upgrade: websocket');
  }
}

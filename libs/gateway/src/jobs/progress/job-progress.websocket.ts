import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApplicationError, JobErrorCode } from '#contracts';
import { httpStatusForErrorCode } from '../../errors/error-code-status.map.js';
import { JobProgressStreams } from './job-progress-streams.js';
import { StreamAuthenticator } from './stream-authenticator.js';

const PROGRESS_PATH = /^\/api\/v1\/jobs\/([A-Za-z0-9_-]{1,100})\/progress\/ws$/;

/** Close codes: 1000 after the final message; 4404 for a job that is not the caller's; 1011 when the state cannot be read. */
export const WS_CLOSE = { done: 1000, goingAway: 1001, internal: 1011, notFound: 4404 } as const;

/**
 * `GET /api/v1/jobs/{job_id}/progress/ws`: the live progress stream over a WebSocket. Handles the
 * HTTP upgrade on the gateway's server (credentials are checked before the handshake completes: 401 /
 * 403 refuse it), sends the current state, each change, and closes after the final message.
 */
@Injectable()
export class JobProgressWebSocket implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(request, socket, head);
  private httpServer: import('node:http').Server | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: StreamAuthenticator,
    private readonly streams: JobProgressStreams,
  ) {}

  onApplicationBootstrap(): void {
    this.httpServer = this.adapterHost.httpAdapter.getHttpServer() as import('node:http').Server;
    this.httpServer.on('upgrade', this.onUpgrade);
  }

  onApplicationShutdown(): void {
    this.httpServer?.off('upgrade', this.onUpgrade);
    for (const client of this.server.clients) client.close(WS_CLOSE.goingAway, 'Server shutting down');
    this.server.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://gateway');
    const jobId = PROGRESS_PATH.exec(url.pathname)?.[1];
    if (jobId === undefined) {
      // Someone else's upgrade (another listener) or nobody's.
      if (this.httpServer?.listenerCount('upgrade') === 1) refuse(socket, 404, 'ROUTE_NOT_FOUND', 'No WebSocket endpoint here');
      return;
    }
    let principal;
    try {
      principal = await this.authenticator.authenticate(request.headers, url.searchParams);
    } catch (error) {
      const code = error instanceof ApplicationError ? error.code : 'UNAUTHENTICATED';
      refuse(socket, httpStatusForErrorCode(code), code, error instanceof Error ? error.message : 'Unauthenticated');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (client) => void this.serve(client, principal, jobId));
  }

  private async serve(client: WebSocket, principal: Parameters<JobProgressStreams['open']>[0], jobId: string): Promise<void> {
    let stream;
    try {
      stream = await this.streams.open(principal, jobId);
    } catch (error) {
      const notFound = error instanceof ApplicationError && error.code === JobErrorCode.JOB_NOT_FOUND;
      client.close(notFound ? WS_CLOSE.notFound : WS_CLOSE.internal, notFound ? 'JOB_NOT_FOUND' : 'Job state unavailable');
      return;
    }
    client.on('close', () => stream.close());
    client.on('error', () => stream.close());
    stream.start({
      send: (message) => client.send(JSON.stringify(message)),
      end: () => client.close(WS_CLOSE.done, 'Job finished'),
    });
  }
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ success: false, error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 403 ? 'Forbidden' : 'Unauthorized'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

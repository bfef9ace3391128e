import { Module } from '@nestjs/common';
import { JobErrorCode } from '#contracts';
import { ERROR_CODE_HTTP_STATUS } from '../errors/error-code-status.map.js';
import { JobProgressHttpController, UPGRADE_REQUIRED } from './job-progress.http.controller.js';
import { JobsHttpController } from './jobs.http.controller.js';
import { JobEventHub } from './progress/job-event-hub.js';
import { JobProgressStreams } from './progress/job-progress-streams.js';
import { JobProgressWebSocket } from './progress/job-progress.websocket.js';
import { StreamAuthenticator } from './progress/stream-authenticator.js';

ERROR_CODE_HTTP_STATUS.set(JobErrorCode.JOB_FINISHED, 409);
ERROR_CODE_HTTP_STATUS.set(UPGRADE_REQUIRED, 426);

/**
 * The jobs routes of the gateway: list, get, cancel (through the jobs service), and live progress
 * over WebSocket and SSE fed by an instance-scoped subscription to the job lifecycle events. Needs
 * MessageBus (MessagingModule) and GatewayAccessModule's CredentialsAuthenticator in the app.
 */
@Module({
  controllers: [JobsHttpController, JobProgressHttpController],
  providers: [JobEventHub, JobProgressStreams, StreamAuthenticator, JobProgressWebSocket],
  exports: [JobEventHub],
})
export class GatewayJobsModule {}

import { Injectable } from '@nestjs/common';
import { ApplicationError, GetJobQuery, JobErrorCode, type AuthPrincipal, type JobEventBase, type JobView } from '#contracts';
import { MessageBus } from '#messaging';
import { JobEventHub } from './job-event-hub.js';
import { progressMessageFromView, type JobProgressMessage } from './job-progress-message.js';
import { JobProgressTracker } from './job-progress-tracker.js';

/** Where a stream's messages go (a WebSocket, an SSE response). */
export interface JobProgressSink {
  send(message: JobProgressMessage): void;
  /** After the final message: the job ended. */
  end(): void;
}

export interface JobProgressStream {
  /** Sends the current state, then every change until the job ends (then `sink.end()`). */
  start(sink: JobProgressSink): void;
  close(): void;
}

// A job created a moment ago may not have reached the read model yet.
const NOT_FOUND_RETRIES = [100, 250, 500];

/** Opens live progress streams: authorization and the current state through the jobs service, then events. */
@Injectable()
export class JobProgressStreams {
  constructor(
    private readonly bus: MessageBus,
    private readonly hub: JobEventHub,
  ) {}

  /** Throws JOB_NOT_FOUND (unknown, or not the principal's job) before anything is sent. */
  async open(principal: AuthPrincipal, jobId: string): Promise<JobProgressStream> {
    // Listen before reading the state, so nothing between the read and the first event is lost.
    const early: Array<[string, JobEventBase]> = [];
    let deliver: (type: string, payload: JobEventBase) => void = (type, payload) => early.push([type, payload]);
    const stopListening = this.hub.listen(jobId, (type, payload) => deliver(type, payload));
    let view: JobView;
    try {
      view = await this.currentState(principal, jobId);
    } catch (error) {
      stopListening();
      throw error;
    }
    const tracker = new JobProgressTracker(progressMessageFromView(view));
    let closed = false;
    const close = () => {
      closed = true;
      stopListening();
    };
    return {
      start: (sink) => {
        if (closed) return;
        sink.send(tracker.current());
        const forward = (type: string, payload: JobEventBase) => {
          if (closed) return;
          const message = tracker.apply(type, payload);
          if (message) sink.send(message);
          if (tracker.isFinal) {
            close();
            sink.end();
          }
        };
        if (tracker.isFinal) {
          close();
          sink.end();
          return;
        }
        deliver = forward;
        for (const [type, payload] of early.splice(0)) forward(type, payload);
      },
      close,
    };
  }

  private async currentState(principal: AuthPrincipal, jobId: string): Promise<JobView> {
    const requester = { user_id: principal.userId, is_admin: principal.roles.includes('admin') };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.bus.query(GetJobQuery, { job_id: jobId, requester });
      } catch (error) {
        const retryIn = NOT_FOUND_RETRIES[attempt];
        if (!(error instanceof ApplicationError && error.code === JobErrorCode.JOB_NOT_FOUND) || retryIn === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryIn));
      }
    }
  }
}

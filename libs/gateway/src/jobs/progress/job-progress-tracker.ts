import {
  JobCancelledEvent,
  JobCompletedEvent,
  JobFailedEvent,
  JobProgressEvent,
  JobStartedEvent,
  type JobCancelledPayload,
  type JobCompletedPayload,
  type JobEventBase,
  type JobFailedPayload,
  type JobProgressPayload,
} from '#contracts';
import { isFinalProgressMessage, type JobProgressMessage } from './job-progress-message.js';

/**
 * One client's view of one job: starts from the read model's state, then takes the lifecycle events
 * as they come. Like the read model it never goes backwards (events can arrive late or twice), so a
 * client never sees progress drop or a finished job come back to life.
 */
export class JobProgressTracker {
  private state: JobProgressMessage;

  constructor(initial: JobProgressMessage) {
    this.state = { ...initial };
  }

  current(): JobProgressMessage {
    return { ...this.state };
  }

  get isFinal(): boolean {
    return isFinalProgressMessage(this.state);
  }

  /** The message to send for this event, or undefined when it changes nothing the client sees. */
  apply(type: string, payload: JobEventBase): JobProgressMessage | undefined {
    if (this.isFinal || payload.job_id !== this.state.job_id) return undefined;
    const next: JobProgressMessage = { ...this.state, timestamp: payload.at };
    switch (type) {
      case JobStartedEvent.type:
        if (next.status !== 'pending') return undefined;
        next.status = 'running';
        break;
      case JobProgressEvent.type: {
        const { progress, message } = payload as JobProgressPayload;
        if (typeof progress !== 'number' || progress < next.progress) return undefined;
        if (progress === next.progress && message === next.message && next.status === 'running') return undefined;
        next.status = 'running';
        next.progress = progress;
        next.message = message ?? next.message;
        break;
      }
      case JobCompletedEvent.type:
        next.status = 'completed';
        next.progress = 1;
        next.result = (payload as JobCompletedPayload).result ?? {};
        break;
      case JobFailedEvent.type: {
        const failed = payload as JobFailedPayload;
        next.status = 'failed';
        next.error = { code: failed.error_code, reason: failed.reason };
        break;
      }
      case JobCancelledEvent.type:
        next.status = 'cancelled';
        next.message = (payload as JobCancelledPayload).reason ?? next.message;
        break;
      default:
        return undefined;
    }
    this.state = next;
    return this.current();
  }
}

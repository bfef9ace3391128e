import { Injectable } from '@nestjs/common';
import { JOB_LIFECYCLE_EVENTS, type JobEventBase, type MessageEnvelope } from '#contracts';
import { OnEvent } from '#messaging';

export type JobEventListener = (type: string, payload: JobEventBase) => void;

/**
 * Every job lifecycle event, on every gateway replica (an instance-scoped subscription), handed to
 * the progress streams of this replica that watch that job.
 */
@Injectable()
export class JobEventHub {
  private readonly listeners = new Map<string, Set<JobEventListener>>();

  @OnEvent(JOB_LIFECYCLE_EVENTS, { scope: 'instance' })
  async onJobEvent(payload: JobEventBase, envelope: MessageEnvelope): Promise<void> {
    const listeners = typeof payload?.job_id === 'string' ? this.listeners.get(payload.job_id) : undefined;
    if (!listeners) return;
    for (const listener of [...listeners]) listener(envelope.type, payload);
  }

  /** Calls `listener` with each event of the job until the returned function is called. */
  listen(jobId: string, listener: JobEventListener): () => void {
    let set = this.listeners.get(jobId);
    if (!set) {
      set = new Set();
      this.listeners.set(jobId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(jobId) === set) this.listeners.delete(jobId);
    };
  }

  watchedJobs(): number {
    return this.listeners.size;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { CancelJobCommand, JobCancelRequestedEvent, type PayloadOf, type ResultOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { Clock, JobStore, type OutgoingEvent } from '../ports/index.js';
import { jobEventBase } from '../shared/job-event-payload.js';
import { toJobView } from '../shared/job-view.js';
import { visibleJob } from '../shared/visible-job.js';

/**
 * Cancels a job: a pending one is cancelled here at once, a running one is flagged; either way the
 * producing service hears `job.control.cancel-requested` (so a pending job never starts, and a running
 * one stops at its next checkpoint and publishes `job.lifecycle.cancelled`).
 */
@Injectable()
export class CancelJobHandler {
  constructor(
    private readonly jobs: JobStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @HandleMessage(CancelJobCommand)
  async execute(payload: PayloadOf<typeof CancelJobCommand>): Promise<ResultOf<typeof CancelJobCommand>> {
    const view = await this.jobs.change(payload.job_id, (found) => {
      const job = visibleJob(found, payload.job_id, payload.requester);
      const now = this.clock.now();
      const outcome = job.requestCancel(now);
      const events: OutgoingEvent[] =
        outcome === 'already-requested'
          ? []
          : [{ definition: JobCancelRequestedEvent, payload: { ...jobEventBase(job, now), requested_by: payload.requester.user_id } }];
      return { save: job, events, result: toJobView(job) };
    });
    return view!;
  }
}

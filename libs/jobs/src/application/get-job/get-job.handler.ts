import { Injectable } from '@nestjs/common';
import { GetJobQuery, type PayloadOf, type ResultOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { JobStore } from '../ports/index.js';
import { toJobView } from '../shared/job-view.js';
import { visibleJob } from '../shared/visible-job.js';

@Injectable()
export class GetJobHandler {
  constructor(private readonly jobs: JobStore) {}

  @HandleMessage(GetJobQuery)
  async execute(payload: PayloadOf<typeof GetJobQuery>): Promise<ResultOf<typeof GetJobQuery>> {
    return toJobView(visibleJob(await this.jobs.get(payload.job_id), payload.job_id, payload.requester));
  }
}

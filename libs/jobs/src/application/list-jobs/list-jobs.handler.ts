import { Injectable } from '@nestjs/common';
import { JOB_SORT_FIELDS, JOB_STATUSES, ListJobsQuery, SORT_ORDERS, type PayloadOf, type ResultOf, pageView } from '#contracts';
import { HandleMessage } from '#messaging';
import { JobStore } from '../ports/index.js';
import { toJobView } from '../shared/job-view.js';
import { validationFailure } from '../shared/validation-failure.js';

export const MAX_JOBS_PAGE_SIZE = 100;

/** A page of the requester's jobs (every user's for an admin), newest first unless sorted otherwise. */
@Injectable()
export class ListJobsHandler {
  constructor(private readonly jobs: JobStore) {}

  @HandleMessage(ListJobsQuery)
  async execute(payload: PayloadOf<typeof ListJobsQuery>): Promise<ResultOf<typeof ListJobsQuery>> {
    const { page, page_size: pageSize } = payload;
    if (!Number.isInteger(page) || page < 1) throw validationFailure('page', 'must be a whole number of at least 1');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_JOBS_PAGE_SIZE) {
      throw validationFailure('page_size', `must be a whole number from 1 to ${MAX_JOBS_PAGE_SIZE}`);
    }
    if (payload.status !== undefined && !JOB_STATUSES.includes(payload.status)) {
      throw validationFailure('status', `must be one of: ${JOB_STATUSES.join(', ')}`);
    }
    if (payload.sort !== undefined && !JOB_SORT_FIELDS.includes(payload.sort)) {
      throw validationFailure('sort', `must be one of: ${JOB_SORT_FIELDS.join(', ')}`);
    }
    if (payload.order !== undefined && !SORT_ORDERS.includes(payload.order)) {
      throw validationFailure('order', `must be one of: ${SORT_ORDERS.join(', ')}`);
    }
    if (payload.type !== undefined && typeof payload.type !== 'string') throw validationFailure('type', 'must be a string');

    const { jobs, total } = await this.jobs.search({
      userId: payload.requester.is_admin ? undefined : payload.requester.user_id,
      status: payload.status,
      type: payload.type,
      sort: payload.sort ?? 'created_at',
      order: payload.order ?? 'desc',
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { jobs: jobs.map(toJobView), pagination: pageView(page, pageSize, total) };
  }
}

import { Injectable } from '@nestjs/common';
import { JOB_STATUSES, serviceStatsQuery, type ServiceStats } from '#contracts';
import { HandleMessage } from '#messaging';
import { JobStore } from '../ports/index.js';

/** `jobs.system.stats`: `{ jobs: { total, pending, running, completed, failed, cancelled } }`. */
@Injectable()
export class JobStatsHandler {
  constructor(private readonly jobs: JobStore) {}

  @HandleMessage(serviceStatsQuery('jobs'))
  async execute(): Promise<ServiceStats> {
    const section: Record<string, number> = { total: 0 };
    for (const status of JOB_STATUSES) section[status] = 0;
    for (const { status, count } of await this.jobs.countByStatusAndType()) {
      section[status] = (section[status] ?? 0) + count;
      section.total! += count;
    }
    return { jobs: section };
  }
}

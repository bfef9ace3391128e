import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationError, ErrorCode } from '#contracts';
import { DailyUsageCounter, schemaOf } from '#persistence';
import { Clock, UploadQuota } from '../../application/ports/index.js';
import { TypeOrmUnitOfWork } from './typeorm-unit-of-work.js';

const METRIC = 'uploads';

/** The daily upload quota on the storage schema's `daily_usage` table (DailyUsageCounter). */
@Injectable()
export class DailyUploadQuota extends UploadQuota {
  private readonly counter: DailyUsageCounter;

  constructor(
    dataSource: DataSource,
    private readonly unitOfWork: TypeOrmUnitOfWork,
    private readonly clock: Clock,
  ) {
    super();
    this.counter = new DailyUsageCounter(schemaOf(dataSource), () => clock.now());
  }

  async consume(userId: string, limit: number): Promise<void> {
    await this.counter.consume(this.unitOfWork.manager(), userId, METRIC, limit);
  }

  usedToday(userId: string): Promise<number> {
    return this.counter.used(this.unitOfWork.manager(), userId, METRIC);
  }

  async assertRemaining(userId: string, limit: number): Promise<number> {
    const used = await this.usedToday(userId);
    if (used < limit) return limit - used;
    const now = this.clock.now();
    const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    throw new ApplicationError(ErrorCode.QUOTA_EXCEEDED, `Daily quota for ${METRIC} exceeded (${limit} per day)`, {
      metric: METRIC,
      limit,
      used,
      resets_at: resetsAt.toISOString(),
    });
  }
}

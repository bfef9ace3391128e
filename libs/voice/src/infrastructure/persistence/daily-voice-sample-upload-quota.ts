import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DailyUsageCounter, schemaOf } from '#persistence';
import { PlatformConfigProvider } from '#service-runtime';
import { VoiceSampleUploadQuota } from '../../application/ports/voice-sample-upload-quota.js';
import { TypeOrmUnitOfWork } from './typeorm-unit-of-work.js';

const METRIC = 'voice_sample_uploads';

/** Sample uploads per day against the platform's `daily_quotas.uploads`, on the voice schema's `daily_usage`. */
@Injectable()
export class DailyVoiceSampleUploadQuota extends VoiceSampleUploadQuota {
  private readonly counter: DailyUsageCounter;

  constructor(
    dataSource: DataSource,
    private readonly unitOfWork: TypeOrmUnitOfWork,
    private readonly platform: PlatformConfigProvider,
  ) {
    super();
    this.counter = new DailyUsageCounter(schemaOf(dataSource));
  }

  private get limit(): number {
    return this.platform.current().daily_quotas.uploads;
  }

  async consume(userId: string): Promise<void> {
    await this.counter.consume(this.unitOfWork.manager(), userId, METRIC, this.limit);
  }

  async assertRemaining(userId: string): Promise<number> {
    const used = await this.counter.used(this.unitOfWork.manager(), userId, METRIC);
    if (used < this.limit) return this.limit - used;
    // Asking for more than the whole limit records nothing and throws consume's QUOTA_EXCEEDED (with resets_at).
    await this.counter.consume(this.unitOfWork.manager(), userId, METRIC, this.limit, this.limit + 1);
    return 0;
  }
}

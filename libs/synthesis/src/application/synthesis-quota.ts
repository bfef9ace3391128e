import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DailyUsageCounter, schemaOf } from '#persistence';
import { PlatformConfigProvider } from '#service-runtime';

const METRIC = 'syntheses';

/**
 * The daily synthesis quota (`daily_quotas.syntheses` of the platform config, 1,000 by default),
 * counted on the synthesis schema. Every entry point charges one synthesis per accepted request,
 * after validation and before inference; `refund` gives it back when the work did not happen.
 */
@Injectable()
export class SynthesisQuota {
  private readonly counter: DailyUsageCounter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly platform: PlatformConfigProvider,
  ) {
    this.counter = new DailyUsageCounter(schemaOf(dataSource));
  }

  /** Uses one of the user's syntheses for today, or throws QUOTA_EXCEEDED (429) with `resets_at`. */
  async charge(userId: string): Promise<void> {
    await this.counter.consume(this.dataSource, userId, METRIC, this.platform.current().daily_quotas.syntheses);
  }

  async refund(userId: string): Promise<void> {
    await this.counter.release(this.dataSource, userId, METRIC);
  }

  usedToday(userId: string): Promise<number> {
    return this.counter.used(this.dataSource, userId, METRIC);
  }
}

import { Injectable } from '@nestjs/common';
import { GetStorageUsageQuery, type PayloadOf, type StorageUsageView } from '#contracts';
import { HandleMessage } from '#messaging';
import { StorageUsageRepository, UploadQuota } from '../ports/index.js';
import { PlatformSettings } from '../shared/platform-settings.js';

/** What a user holds (bytes, files) and how many uploads they made today of how many. */
@Injectable()
export class GetUsageHandler {
  constructor(
    private readonly usage: StorageUsageRepository,
    private readonly quota: UploadQuota,
    private readonly settings: PlatformSettings,
  ) {}

  @HandleMessage(GetStorageUsageQuery)
  async execute(payload: PayloadOf<typeof GetStorageUsageQuery>): Promise<StorageUsageView> {
    const [held, uploadsToday] = await Promise.all([this.usage.get(payload.user_id), this.quota.usedToday(payload.user_id)]);
    return {
      user_id: payload.user_id,
      bytes: held.bytes,
      files: held.files,
      uploads_today: uploadsToday,
      uploads_daily_limit: this.settings.uploadsPerDay,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { CheckUploadQuotaQuery, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { UploadQuota } from '../ports/index.js';
import { PlatformSettings } from '../shared/platform-settings.js';

/**
 * Lets the gateway refuse an upload before reading its bytes. Advisory only: the registration
 * consumes the quota atomically, so two concurrent uploads can never both take the last one.
 */
@Injectable()
export class CheckUploadQuotaHandler {
  constructor(
    private readonly quota: UploadQuota,
    private readonly settings: PlatformSettings,
  ) {}

  @HandleMessage(CheckUploadQuotaQuery)
  async execute(payload: PayloadOf<typeof CheckUploadQuotaQuery>): Promise<{ remaining: number }> {
    return { remaining: await this.quota.assertRemaining(payload.user_id, this.settings.uploadsPerDay) };
  }
}

import { Injectable } from '@nestjs/common';
import { CheckVoiceSampleUploadQuery, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { VoiceSampleUploadQuota } from '../ports/voice-sample-upload-quota.js';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';
import { assertSampleCountBelow } from './voice-sample-count-limit.js';

/** Lets the gateway refuse an upload before reading its bytes (advisory: the upload checks again atomically). */
@Injectable()
export class CheckVoiceSampleUploadHandler {
  constructor(
    private readonly samples: VoiceSampleRepository,
    private readonly quota: VoiceSampleUploadQuota,
    private readonly platform: PlatformConfigProvider,
  ) {}

  @HandleMessage(CheckVoiceSampleUploadQuery)
  async execute(
    payload: PayloadOf<typeof CheckVoiceSampleUploadQuery>,
  ): Promise<{ remaining_samples: number; remaining_uploads_today: number }> {
    const userId = String(payload.user_id);
    const remainingSamples = assertSampleCountBelow(
      await this.samples.countByOwner(userId),
      this.platform.current().max_voice_samples_per_user,
    );
    return { remaining_samples: remainingSamples, remaining_uploads_today: await this.quota.assertRemaining(userId) };
  }
}

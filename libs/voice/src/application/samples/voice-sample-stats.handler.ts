import { Injectable } from '@nestjs/common';
import { serviceStatsQuery, type ServiceStats } from '#contracts';
import { HandleMessage } from '#messaging';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';

/** The voice section of `GET /api/v1/admin/stats`: samples in total, by status, and those a profile is training from. */
@Injectable()
export class VoiceSampleStatsHandler {
  constructor(private readonly samples: VoiceSampleRepository) {}

  @HandleMessage(serviceStatsQuery('voice'))
  async execute(): Promise<ServiceStats> {
    const [byStatus, training] = await Promise.all([this.samples.countByStatus(), this.samples.countInTraining()]);
    const total = byStatus.uploaded + byStatus.ready + byStatus.rejected;
    return { voice_samples: { total, training, ...byStatus } };
  }
}

import { Injectable } from '@nestjs/common';
import { serviceStatsQuery, type ServiceStats } from '#contracts';
import { HandleMessage } from '#messaging';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';

/** The voice section of `GET /api/v1/admin/stats`: samples in total and by status. */
@Injectable()
export class VoiceSampleStatsHandler {
  constructor(private readonly samples: VoiceSampleRepository) {}

  @HandleMessage(serviceStatsQuery('voice'))
  async execute(): Promise<ServiceStats> {
    const byStatus = await this.samples.countByStatus();
    const total = byStatus.uploaded + byStatus.ready + byStatus.rejected;
    return { voice_samples: { total, ...byStatus } };
  }
}

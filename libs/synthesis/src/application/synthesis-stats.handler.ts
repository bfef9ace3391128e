import { Injectable } from '@nestjs/common';
import { serviceStatsQuery, type ServiceStats } from '#contracts';
import { HandleMessage } from '#messaging';
import { BoundedQueue } from './bounded-queue.js';
import { SynthesisRecords } from './synthesis-records.js';

/**
 * `synthesis.system.stats`, the `syntheses` section of `GET /api/v1/admin/stats`: counts, characters,
 * audio seconds, average real-time factor, cache hit ratio, and the answering instance's queue depth.
 */
@Injectable()
export class SynthesisStatsHandler {
  constructor(
    private readonly records: SynthesisRecords,
    private readonly queue: BoundedQueue,
  ) {}

  @HandleMessage(serviceStatsQuery('synthesis'))
  async execute(): Promise<ServiceStats> {
    const totals = await this.records.totals();
    return {
      syntheses: {
        today: totals.today,
        this_week: totals.thisWeek,
        total: totals.total,
        characters: totals.characters,
        audio_seconds: totals.audioSeconds,
        avg_rtf: totals.averageRtf,
        cache_hit_ratio: totals.cacheHitRatio,
        queue_depth: this.queue.depth,
      },
    };
  }
}

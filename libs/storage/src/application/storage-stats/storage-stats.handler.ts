import { Injectable } from '@nestjs/common';
import { serviceStatsQuery, type ServiceStats } from '#contracts';
import { HandleMessage } from '#messaging';
import { Clock, StoredFileRepository } from '../ports/index.js';

const DAY_MS = 86_400_000;

/** The storage section of `GET /api/v1/admin/stats`: live files, their bytes, files stored in the last 24 h. */
@Injectable()
export class StorageStatsHandler {
  constructor(
    private readonly files: StoredFileRepository,
    private readonly clock: Clock,
  ) {}

  @HandleMessage(serviceStatsQuery('storage'))
  async execute(): Promise<ServiceStats> {
    const totals = await this.files.totals(new Date(this.clock.now().getTime() - DAY_MS));
    return { files: { total: totals.files, total_bytes: totals.bytes, stored_last_24h: totals.createdSince } };
  }
}

import { Injectable } from '@nestjs/common';
import { serviceStatsQuery, type ServiceStats } from '#contracts';
import { HandleMessage } from '#messaging';
import { Clock, UserStatistics } from '../ports/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NEW_USER_WINDOW_DAYS = 7;

/**
 * Identity's section of the admin statistics: every account, those that logged in since midnight
 * UTC, and those registered in the last seven days.
 */
@Injectable()
export class GetIdentityStatsHandler {
  constructor(
    private readonly statistics: UserStatistics,
    private readonly clock: Clock,
  ) {}

  @HandleMessage(serviceStatsQuery('identity'))
  async execute(): Promise<ServiceStats> {
    const now = this.clock.now();
    const midnightUtc = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const counts = await this.statistics.count({
      activeSince: midnightUtc,
      registeredSince: new Date(now.getTime() - NEW_USER_WINDOW_DAYS * DAY_MS),
    });
    return { users: { total: counts.total, active_today: counts.active, new_this_week: counts.registered } };
  }
}

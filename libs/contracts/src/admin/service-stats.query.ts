import { defineQuery, type QueryDefinition } from '../messages/message-definitions.js';
import type { BackendServiceName } from '../services.js';

/**
 * Counters a service reports about its own data, by section, e.g.
 * `{ users: { total: 12, active_today: 3, new_this_week: 5 } }` from identity. The gateway's
 * `GET /api/v1/admin/stats` asks every service and merges the sections.
 */
export type ServiceStats = Record<string, Record<string, number>>;

export type ServiceStatsQuery = QueryDefinition<Record<string, never>, ServiceStats>;

const cache = new Map<BackendServiceName, ServiceStatsQuery>();

export function serviceStatsQuery(service: BackendServiceName): ServiceStatsQuery {
  let definition = cache.get(service);
  if (!definition) {
    definition = defineQuery<Record<string, never>, ServiceStats>(service, `${service}.system.stats`);
    cache.set(service, definition);
  }
  return definition;
}

import { defineQuery, type QueryDefinition } from '../messages/message-definitions.js';
import type { BackendServiceName } from '../services.js';

export type DependencyStatus = 'up' | 'down';

export interface ServiceReadinessResult {
  service: BackendServiceName;
  ready: boolean;
  /** e.g. `{ database: 'up', broker: 'up' }`; synthesis adds `model`. */
  checks: Record<string, DependencyStatus>;
  /** Latest applied migration of the service's schema, proving the database answered. */
  schemaVersion: string | null;
  instanceId: string;
  uptimeSeconds: number;
}

/** Asked by the gateway's `/api/v1/health`; answered by any instance of the service. */
export type ServiceReadinessQuery = QueryDefinition<Record<string, never>, ServiceReadinessResult>;

const cache = new Map<BackendServiceName, ServiceReadinessQuery>();

export function serviceReadinessQuery(service: BackendServiceName): ServiceReadinessQuery {
  let definition = cache.get(service);
  if (!definition) {
    definition = defineQuery<Record<string, never>, ServiceReadinessResult>(service, `${service}.system.readiness`);
    cache.set(service, definition);
  }
  return definition;
}

import { BACKEND_SERVICES, serviceStatsQuery, type BackendServiceName, type ServiceStats } from '#contracts';
import { MessageBus } from '#messaging';

/** The sections each service reports; they are null in the answer while that service does not. */
export const STATS_SECTIONS_BY_SERVICE: Record<BackendServiceName, readonly string[]> = {
  identity: ['users'],
  voice: ['voice_samples'],
  synthesis: ['syntheses'],
  jobs: ['jobs'],
  storage: ['files'],
};

export interface CollectedServiceStats {
  sections: Record<string, Record<string, number> | null>;
  /** Services that did not answer in time (not running, or without a stats handler yet). */
  unavailable: BackendServiceName[];
}

/** Asks every back-end service for its statistics at once and merges the sections of those that answer in time. */
export async function collectServiceStats(bus: MessageBus, timeoutMs: number): Promise<CollectedServiceStats> {
  const answers = await Promise.all(
    BACKEND_SERVICES.map((service) =>
      bus.query(serviceStatsQuery(service), {}, { timeoutMs }).then(
        (stats): ServiceStats | undefined => stats,
        () => undefined,
      ),
    ),
  );
  const sections: CollectedServiceStats['sections'] = {};
  const unavailable: BackendServiceName[] = [];
  BACKEND_SERVICES.forEach((service, index) => {
    const answer = answers[index];
    if (!answer) unavailable.push(service);
    for (const section of STATS_SECTIONS_BY_SERVICE[service]) sections[section] = answer?.[section] ?? null;
    if (answer) Object.assign(sections, answer);
  });
  return { sections, unavailable };
}

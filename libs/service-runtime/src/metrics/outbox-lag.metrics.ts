import { Gauge, register } from 'prom-client';
import type { OutboxLag } from '#persistence';

/** Anything that can tell how far its outbox is behind (an OutboxRelay). */
export interface OutboxLagSource {
  lag(): Promise<OutboxLag>;
}

/** Both gauges of one scrape share one reading; a reading this fresh is reused. */
const READING_MAX_AGE_MS = 1000;

const sources = new Map<string, OutboxLagSource>();
let reading: { at: number; lags: Promise<Map<string, OutboxLag>> } | undefined;

/** Every service's lag, read once per scrape (one small indexed query per service). */
function readLags(): Promise<Map<string, OutboxLag>> {
  if (reading && Date.now() - reading.at < READING_MAX_AGE_MS) return reading.lags;
  const lags = Promise.all(
    // A service whose database does not answer reports nothing rather than a misleading zero.
    [...sources].map(async ([service, source]) => [service, await source.lag().catch(() => undefined)] as const),
  ).then((entries) => new Map(entries.filter((entry): entry is readonly [string, OutboxLag] => entry[1] !== undefined)));
  reading = { at: Date.now(), lags };
  return lags;
}

function lagGauge(name: string, help: string, value: (lag: OutboxLag) => number): void {
  new Gauge({
    name,
    help,
    labelNames: ['service'],
    registers: [register],
    async collect() {
      const lags = await readLags();
      this.reset();
      for (const [service, lag] of lags) this.set({ service }, value(lag));
    },
  });
}

function ensureGauges(): void {
  if (register.getSingleMetric('outbox_lag_messages')) return;
  lagGauge('outbox_lag_messages', 'Events written to the outbox and not yet published', (lag) => lag.count);
  lagGauge('outbox_oldest_age_seconds', 'Age of the oldest unpublished outbox event (0 when none)', (lag) => (lag.oldestAgeMs ?? 0) / 1000);
}

/** Reports the service's outbox lag on every scrape until the returned function is called. */
export function trackOutboxLag(service: string, source: OutboxLagSource): () => void {
  ensureGauges();
  sources.set(service, source);
  reading = undefined;
  return () => {
    if (sources.get(service) === source) sources.delete(service);
    reading = undefined;
  };
}

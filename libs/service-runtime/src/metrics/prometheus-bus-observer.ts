import type { MessageKind } from '#contracts';
import type { BusObserver, ConsumeOutcome } from '#messaging';
import { counter, histogram } from './metrics-registry.js';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Bus message counts and latencies per service, message type and outcome. */
export class PrometheusBusObserver implements BusObserver {
  private readonly publishedTotal = counter('bus_messages_published_total', 'Messages published on the bus', ['service', 'type', 'kind']);
  private readonly consumedTotal = counter('bus_messages_consumed_total', 'Messages consumed from the bus', [
    'service',
    'type',
    'kind',
    'outcome',
  ]);
  private readonly consumeDuration = histogram(
    'bus_consume_duration_seconds',
    'Time a handler took for one message',
    ['service', 'type', 'kind'],
    LATENCY_BUCKETS,
  );
  private readonly requestDuration = histogram(
    'bus_request_duration_seconds',
    'Round trip of a command or query until its reply',
    ['service', 'type', 'kind', 'outcome'],
    LATENCY_BUCKETS,
  );

  constructor(private readonly service: string) {}

  published(type: string, kind: MessageKind): void {
    this.publishedTotal.inc({ service: this.service, type, kind });
  }

  consumed(type: string, kind: MessageKind, durationMs: number, outcome: ConsumeOutcome): void {
    this.consumedTotal.inc({ service: this.service, type, kind, outcome });
    this.consumeDuration.observe({ service: this.service, type, kind }, durationMs / 1000);
  }

  requestCompleted(type: string, kind: MessageKind, durationMs: number, outcome: 'ok' | 'error' | 'timeout'): void {
    this.requestDuration.observe({ service: this.service, type, kind, outcome }, durationMs / 1000);
  }
}

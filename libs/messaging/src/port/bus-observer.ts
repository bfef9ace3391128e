import type { MessageKind } from '#contracts';

/** `dropped`: an instance-scoped event whose handler failed; it is logged, never retried. */
export type ConsumeOutcome = 'ok' | 'rejected' | 'retried' | 'dead-lettered' | 'duplicate' | 'dropped';

/**
 * Instrumentation hook: the service runtime plugs Prometheus metrics in here, so the adapters do not
 * depend on any metrics library.
 */
export interface BusObserver {
  published(type: string, kind: MessageKind): void;
  consumed(type: string, kind: MessageKind, durationMs: number, outcome: ConsumeOutcome): void;
  requestCompleted(type: string, kind: MessageKind, durationMs: number, outcome: 'ok' | 'error' | 'timeout'): void;
}

export const NOOP_BUS_OBSERVER: BusObserver = {
  published: () => undefined,
  consumed: () => undefined,
  requestCompleted: () => undefined,
};

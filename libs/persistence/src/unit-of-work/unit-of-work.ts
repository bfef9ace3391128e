import type { MessageEnvelope } from '#contracts';

/**
 * One database transaction around a use case: the rows written and the events recorded inside
 * `run` commit together or not at all; the events are published after the commit.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
  /** Records integration events in the outbox of the open transaction (inside `run` only). */
  abstract recordEvents(envelopes: readonly MessageEnvelope[]): Promise<void>;
}

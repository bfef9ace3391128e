import type { IdentityDomainEvent } from '../../domain/index.js';

/** Records domain events as integration events, in the transaction of the change (inside UnitOfWork.run). */
export abstract class EventOutbox {
  abstract record(events: readonly IdentityDomainEvent[]): Promise<void>;
}

/** The service's OutboxRelay, so a handler can `notify()` it right after committing events. */
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

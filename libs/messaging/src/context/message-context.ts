import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { MessageContext, MessageEnvelope } from '#contracts';

/**
 * The context of the HTTP request or message being handled, carried across awaits. The gateway opens
 * one per request; the bus opens one per consumed message (its correlation id, and the message's own
 * id as the causation id of anything it sends). Loggers read it to stamp every line.
 */
export interface ActiveContext extends MessageContext {
  /** Id of the message being handled (becomes the causation id of messages sent from here). */
  messageId?: string;
}

const storage = new AsyncLocalStorage<ActiveContext>();

export function runWithContext<T>(context: ActiveContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): ActiveContext | undefined {
  return storage.getStore();
}

/** The context for a new outgoing message: explicit overrides, else the current scope, else fresh. */
export function outgoingContext(overrides?: Partial<MessageContext>): MessageContext {
  const active = storage.getStore();
  const context: MessageContext = {
    correlationId: overrides?.correlationId ?? active?.correlationId ?? randomUUID(),
  };
  const causationId = overrides?.causationId ?? active?.messageId;
  const traceparent = overrides?.traceparent ?? active?.traceparent;
  const userId = overrides?.userId ?? active?.userId;
  const tenantId = overrides?.tenantId ?? active?.tenantId;
  if (causationId) context.causationId = causationId;
  if (traceparent) context.traceparent = traceparent;
  if (userId) context.userId = userId;
  if (tenantId) context.tenantId = tenantId;
  return context;
}

/** The scope a consumed message is handled in: its context, and its id as the causation id of what it sends. */
export function handlingContext(envelope: MessageEnvelope): ActiveContext {
  const context: ActiveContext = { correlationId: envelope.correlationId, messageId: envelope.id };
  if (envelope.causationId) context.causationId = envelope.causationId;
  if (envelope.traceparent) context.traceparent = envelope.traceparent;
  if (envelope.userId) context.userId = envelope.userId;
  if (envelope.tenantId) context.tenantId = envelope.tenantId;
  return context;
}

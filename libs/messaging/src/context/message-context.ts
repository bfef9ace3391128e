import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { MessageContext } from '#contracts';

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

import { randomUUID } from 'node:crypto';
import type { AnyMessageDefinition, MessageContext, MessageEnvelope } from '#contracts';
import { outgoingContext } from '../context/message-context.js';

export function createEnvelope<P>(
  definition: Pick<AnyMessageDefinition, 'kind' | 'type' | 'version'>,
  payload: P,
  options?: { context?: Partial<MessageContext>; messageId?: string },
): MessageEnvelope<P> {
  return {
    id: options?.messageId ?? randomUUID(),
    kind: definition.kind,
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    ...outgoingContext(options?.context),
    payload,
  };
}

import type { MessageEnvelope } from '#contracts';
import type { EventHandler, RequestHandler } from '../port/message-bus.js';
import { topicMatches } from '../port/topology.js';

/** The message reached this service, but nothing here handles its type (e.g. a stale binding). */
export class NoHandlerError extends Error {
  constructor(readonly messageType: string) {
    super(`No handler for ${messageType}`);
    this.name = 'NoHandlerError';
  }
}

/** Finds the handlers registered for a consumed message and runs them. */
export class MessageDispatcher {
  private readonly requestHandlers = new Map<string, RequestHandler<unknown, unknown>>();
  private readonly eventHandlers: Array<{ pattern: string; handler: EventHandler<unknown> }> = [];

  addRequestHandler(type: string, handler: RequestHandler<unknown, unknown>): void {
    if (this.requestHandlers.has(type)) throw new Error(`A handler for ${type} is already registered`);
    this.requestHandlers.set(type, handler);
  }

  addEventHandler(pattern: string, handler: EventHandler<unknown>): void {
    this.eventHandlers.push({ pattern, handler });
  }

  requestTypes(): string[] {
    return [...this.requestHandlers.keys()];
  }

  eventPatterns(): string[] {
    return [...new Set(this.eventHandlers.map((entry) => entry.pattern))];
  }

  dispatchRequest(envelope: MessageEnvelope): Promise<unknown> {
    const handler = this.requestHandlers.get(envelope.type);
    if (!handler) throw new NoHandlerError(envelope.type);
    return handler(envelope.payload, envelope);
  }

  /** Runs every subscription whose type or pattern matches, one after the other. */
  async dispatchEvent(envelope: MessageEnvelope): Promise<void> {
    let matched = false;
    for (const { pattern, handler } of this.eventHandlers) {
      if (pattern !== envelope.type && !topicMatches(pattern, envelope.type)) continue;
      matched = true;
      await handler(envelope.payload, envelope);
    }
    if (!matched) throw new NoHandlerError(envelope.type);
  }
}

import type { MessageContext, MessageEnvelope, MessageKind } from '#contracts';
import { currentContext } from '../context/message-context.js';

/** A message about to be sent: what a tracer needs to name its span and find its parent. */
export interface OutgoingMessage {
  type: string;
  kind: MessageKind;
  /** The trace context the message carries without tracing: the caller's explicit one, else the current scope's. */
  traceparent?: string;
}

/**
 * Tracing hook: the service runtime plugs OpenTelemetry in here, so the adapters do not depend on
 * any tracing library. The default does nothing and keeps the caller's traceparent.
 */
export interface MessageTracer {
  /**
   * Runs the sending of one command, query or event in a client/producer span; `send` gets the
   * traceparent to put in the envelope (the span's own). The span ends when `send` settles.
   */
  traceOutgoing<T>(message: OutgoingMessage, send: (traceparent: string | undefined) => Promise<T>): Promise<T>;
  /** Runs the handling of a consumed message in a server/consumer span continuing the envelope's traceparent. */
  traceHandling<T>(envelope: MessageEnvelope, handle: () => Promise<T>): Promise<T>;
}

export const NOOP_MESSAGE_TRACER: MessageTracer = {
  traceOutgoing: (message, send) => send(message.traceparent),
  traceHandling: (_envelope, handle) => handle(),
};

/**
 * For the adapters' send/query/publish: runs `send` through the tracer with options whose context
 * carries the traceparent the tracer chose (unchanged options when it kept the caller's).
 */
export function sendTraced<O extends { context?: Partial<MessageContext> }, T>(
  tracer: MessageTracer,
  definition: { type: string; kind: MessageKind },
  options: O | undefined,
  send: (options: O | undefined) => Promise<T>,
): Promise<T> {
  const traceparent = options?.context?.traceparent ?? currentContext()?.traceparent;
  return tracer.traceOutgoing({ type: definition.type, kind: definition.kind, traceparent }, (chosen) =>
    send(chosen === traceparent ? options : ({ ...options, context: { ...options?.context, traceparent: chosen } } as O)),
  );
}

/**
 * What travels on the bus. Every command, query, reply and event is wrapped in one of these,
 * whichever transport carries it (RabbitMQ or the in-process bus).
 */
export type MessageKind = 'command' | 'query' | 'event';

export interface MessageContext {
  /** Ties together every message caused by one user action (taken from the HTTP request id). */
  correlationId: string;
  /** The id of the message that caused this one, if any. */
  causationId?: string;
  /** W3C trace context, so a trace started at the gateway continues in every service. */
  traceparent?: string;
  userId?: string;
  tenantId?: string;
}

export interface MessageEnvelope<P = unknown> extends MessageContext {
  /** Unique per message; consumers use it to process a message at most once. */
  id: string;
  kind: MessageKind;
  /** Stable type name, e.g. `voice.sample.uploaded`; for events also the routing key. */
  type: string;
  /** Version of the payload schema for this type. */
  version: number;
  /** ISO-8601 timestamp of when the message was created. */
  occurredAt: string;
  payload: P;
}

/** Error carried back in a reply; `code` is one of the stable error codes (see error-codes.ts). */
export interface RemoteErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export type ReplyBody<R = unknown> = { ok: true; result: R } | { ok: false; error: RemoteErrorBody };

import type { CommandDefinition, EventDefinition, MessageContext, MessageEnvelope, QueryDefinition, RequestDefinition } from '#contracts';

export interface RequestOptions {
  /** How long to wait for the reply; defaults to the bus's `defaultTimeoutMs`. */
  timeoutMs?: number;
  /** Overrides the context taken from the current async scope (see message-context.ts). */
  context?: Partial<MessageContext>;
  /** Lets a caller choose the message id (e.g. to make a retried HTTP request idempotent). */
  messageId?: string;
}

export interface PublishOptions {
  context?: Partial<MessageContext>;
  messageId?: string;
}

export type RequestHandler<P, R> = (payload: P, envelope: MessageEnvelope<P>) => Promise<R>;
export type EventHandler<P> = (payload: P, envelope: MessageEnvelope<P>) => Promise<void>;

/**
 * Who gets an event within a subscribing service:
 * - `service` (default): one instance of the service (competing consumers on its durable queue,
 *   with retries and a dead-letter queue).
 * - `instance`: every instance, each through a queue of its own that lives as long as the bus
 *   instance (for per-replica state such as caches and revocation lists). Events published while
 *   an instance is down never reach it, and a failing handler is logged, not retried.
 */
export type SubscriptionScope = 'service' | 'instance';

export interface SubscribeOptions {
  scope?: SubscriptionScope;
}

/** A message that exhausted its retries (or failed for good) and was moved to a dead-letter queue. */
export interface DeadLetter {
  queue: string;
  envelope: MessageEnvelope;
  reason: string;
  attempts: number;
  deadLetteredAt: string;
}

export type QueueRole = 'requests' | 'events';

/**
 * The message bus port. Application code talks to other services only through this.
 *
 * - `send` a command: exactly one instance of the owning service handles it (competing consumers
 *   on that service's durable work queue) and replies.
 * - `query`: request/reply like `send`, for reads.
 * - `publish` an event: delivered to every subscribing service, each through its own durable queue.
 *
 * Replies carry either the handler's result or an `ApplicationError` (code, message, details),
 * which the bus re-throws on the caller's side. Failures of the bus itself are `BusTimeoutError`
 * (no reply in time) and `ServiceUnavailableError` (no instance of the owner is consuming).
 *
 * Handlers are registered with `handle` / `subscribe` before `start()`; an unexpected error in a
 * handler is retried with backoff and then moved to the queue's dead-letter queue. Messages are
 * acknowledged only after the handler returns, so a consumer that dies mid-way has its message
 * redelivered: handlers with effects must be idempotent (see IdempotentConsumer in persistence).
 */
export abstract class MessageBus {
  /** The service this bus instance consumes for (queues are named after it). */
  abstract readonly service: string;

  abstract send<P, R>(command: CommandDefinition<P, R>, payload: P, options?: RequestOptions): Promise<R>;
  abstract query<P, R>(query: QueryDefinition<P, R>, payload: P, options?: RequestOptions): Promise<R>;
  abstract publish<P>(event: EventDefinition<P>, payload: P, options?: PublishOptions): Promise<void>;
  /**
   * Publishes already-built event envelopes (ids kept) and resolves once the broker has confirmed
   * all of them. The outbox relay uses this.
   */
  abstract publishEnvelopes(envelopes: readonly MessageEnvelope[]): Promise<void>;

  abstract handle<P, R>(definition: RequestDefinition<P, R>, handler: RequestHandler<P, R>): void;
  /** Subscribes to an event, or to a topic pattern such as `voice.sample.*` or `job.#`. */
  abstract subscribe<P>(event: EventDefinition<P> | string, handler: EventHandler<P>, options?: SubscribeOptions): void;

  /** Declares the topology and starts consuming what was registered. */
  abstract start(): Promise<void>;
  /** Stops taking new messages and waits (up to `graceMs`) for in-flight handlers to finish. */
  abstract stopConsuming(graceMs?: number): Promise<void>;
  abstract close(): Promise<void>;

  /** True while the bus can reach its broker. */
  abstract isConnected(): boolean;
  /** Reads (without removing) what sits in this service's dead-letter queues. */
  abstract peekDeadLetters(role: QueueRole, limit?: number): Promise<DeadLetter[]>;
}

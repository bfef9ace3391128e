import { randomUUID } from 'node:crypto';
import {
  ApplicationError,
  ErrorCode,
  type CommandDefinition,
  type EventDefinition,
  type MessageEnvelope,
  type MessageKind,
  type QueryDefinition,
  type ReplyBody,
  type RequestDefinition,
} from '#contracts';
import { BrokerUnavailableError, BusTimeoutError, ServiceUnavailableError } from '../port/bus-errors.js';
import { NOOP_BUS_OBSERVER, type BusObserver, type ConsumeOutcome } from '../port/bus-observer.js';
import {
  ATTEMPTS_HEADER,
  DEFAULT_PREFETCH,
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_TIMEOUT_MS,
  type BusLogger,
  type BusOptions,
} from '../port/bus-options.js';
import { createEnvelope } from '../port/envelope-factory.js';
import { NOOP_MESSAGE_TRACER, sendTraced, type MessageTracer } from '../port/message-tracer.js';
import {
  MessageBus,
  type DeadLetter,
  type EventHandler,
  type PublishOptions,
  type QueueRole,
  type RequestHandler,
  type RequestOptions,
  type SubscribeOptions,
  type SubscriptionScope,
} from '../port/message-bus.js';
import {
  deadLetterQueueName,
  EVENTS_EXCHANGE,
  instanceEventsQueueName,
  queueName,
  REQUESTS_EXCHANGE,
  retryQueueName,
  topicMatches,
} from '../port/topology.js';
import type { BrokerMessage, Delivery } from './broker-message.js';
import { DEAD_LETTER_REASON_HEADER, DEAD_LETTERED_AT_HEADER, failedAttempts, toDeadLetter, withHeaders } from './dead-letter-headers.js';
import { describeError, runHandler, type HandlerOutcome } from './handler-outcome.js';
import type { InProcessBroker } from './in-process-broker.js';
import type { InProcessConsumer } from './in-process-consumer.js';
import { PendingReplies } from './pending-replies.js';

export const DEFAULT_STOP_GRACE_MS = 10_000;

type BusState = 'created' | 'started' | 'stopped' | 'closed';

interface RequestRegistration {
  readonly kind: MessageKind;
  readonly handler: RequestHandler<unknown, unknown>;
}

interface Subscription {
  readonly pattern: string;
  readonly handler: EventHandler<unknown>;
  readonly scope: SubscriptionScope;
}

/**
 * One service's connection to an `InProcessBroker`, with the same topology and delivery rules as
 * the RabbitMQ adapter (see port/topology.ts): requests go through the direct exchange to the
 * owner's work queue, events through the topic exchange to each subscriber's queue, and replies to
 * a private reply queue of the calling bus.
 */
export class InProcessMessageBus extends MessageBus {
  readonly service: string;
  /** Names this instance's own queues (replies, instance-scoped events). */
  readonly instanceId = randomUUID();
  private readonly defaultTimeoutMs: number;
  private readonly prefetch: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly observer: BusObserver;
  private readonly tracer: MessageTracer;
  private readonly logger: BusLogger | undefined;
  private readonly replyQueue: string;
  private readonly replyConsumer: InProcessConsumer;
  private readonly pendingReplies = new PendingReplies();
  private readonly requestHandlers = new Map<string, RequestRegistration>();
  private readonly subscriptions: Subscription[] = [];
  private readonly workConsumers: InProcessConsumer[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private state: BusState = 'created';

  constructor(
    private readonly broker: InProcessBroker,
    options: BusOptions,
  ) {
    super();
    this.service = options.service;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.prefetch = options.prefetch ?? DEFAULT_PREFETCH;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.observer = options.observer ?? NOOP_BUS_OBSERVER;
    this.tracer = options.tracer ?? NOOP_MESSAGE_TRACER;
    this.logger = options.logger;
    this.replyQueue = `voxify.${this.service}.replies.${this.instanceId}`;
    broker.assertQueue(this.replyQueue);
    this.replyConsumer = broker.consume(this.replyQueue, { prefetch: 0 }, (delivery) => this.onReply(delivery));
  }

  send<P, R>(command: CommandDefinition<P, R>, payload: P, options?: RequestOptions): Promise<R> {
    return sendTraced(this.tracer, command, options, (traced) => this.request(command, payload, traced));
  }

  query<P, R>(query: QueryDefinition<P, R>, payload: P, options?: RequestOptions): Promise<R> {
    return sendTraced(this.tracer, query, options, (traced) => this.request(query, payload, traced));
  }

  async publish<P>(event: EventDefinition<P>, payload: P, options: PublishOptions = {}): Promise<void> {
    await sendTraced(this.tracer, event, options, (traced) => this.publishEnvelopes([createEnvelope(event, payload, traced)]));
  }

  async publishEnvelopes(envelopes: readonly MessageEnvelope[]): Promise<void> {
    this.ensureOpen();
    const notEvent = envelopes.find((envelope) => envelope.kind !== 'event');
    if (notEvent) throw new Error(`Only events can be published; ${notEvent.type} is a ${notEvent.kind}`);
    for (const envelope of envelopes) {
      this.broker.publish(EVENTS_EXCHANGE, envelope.type, {
        body: JSON.stringify(envelope),
        properties: { messageId: envelope.id, type: envelope.type, headers: {} },
      });
      this.observer.published(envelope.type, 'event');
    }
  }

  handle<P, R>(definition: RequestDefinition<P, R>, handler: RequestHandler<P, R>): void {
    this.ensureRegistrationOpen(definition.type);
    if (definition.owner !== this.service) {
      throw new Error(`${definition.type} belongs to ${definition.owner}; the ${this.service} bus cannot handle it`);
    }
    if (this.requestHandlers.has(definition.type)) throw new Error(`${definition.type} already has a handler`);
    this.requestHandlers.set(definition.type, {
      kind: definition.kind,
      handler: handler as RequestHandler<unknown, unknown>,
    });
  }

  subscribe<P>(event: EventDefinition<P> | string, handler: EventHandler<P>, options: SubscribeOptions = {}): void {
    const pattern = typeof event === 'string' ? event : event.type;
    this.ensureRegistrationOpen(pattern);
    this.subscriptions.push({ pattern, handler: handler as EventHandler<unknown>, scope: options.scope ?? 'service' });
  }

  async start(): Promise<void> {
    this.ensureOpen();
    if (this.state !== 'created') return;
    this.state = 'started';
    if (this.requestHandlers.size > 0) {
      this.consume('requests', REQUESTS_EXCHANGE, [...this.requestHandlers.keys()], (consumer, delivery) =>
        this.processRequest(consumer, delivery),
      );
    }
    const servicePatterns = this.patternsOf('service');
    if (servicePatterns.length > 0) {
      this.consume('events', EVENTS_EXCHANGE, servicePatterns, (consumer, delivery) => this.processEvent(consumer, delivery, 'service'));
    }
    const instancePatterns = this.patternsOf('instance');
    if (instancePatterns.length > 0) this.consumeInstanceEvents(instancePatterns);
  }

  async stopConsuming(graceMs = DEFAULT_STOP_GRACE_MS): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'stopped';
    for (const consumer of this.workConsumers) consumer.cancel();
    if (this.inFlight.size === 0) return;
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => {
      graceTimer = setTimeout(() => resolve('grace-over'), graceMs);
    });
    const ended = await Promise.race([Promise.allSettled([...this.inFlight]), graceOver]);
    clearTimeout(graceTimer);
    if (ended === 'grace-over') {
      this.logger?.warn({ service: this.service, inFlight: this.inFlight.size, graceMs }, 'Handlers still running after the grace period');
    }
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const consumer of this.workConsumers) consumer.close();
    this.replyConsumer.close();
    this.broker.deleteQueue(this.replyQueue);
    this.broker.deleteQueue(instanceEventsQueueName(this.service, this.instanceId));
    this.pendingReplies.failAll(new BrokerUnavailableError('The message bus was closed before the reply arrived'));
  }

  isConnected(): boolean {
    return this.state !== 'closed';
  }

  async peekDeadLetters(role: QueueRole, limit = 100): Promise<DeadLetter[]> {
    const queue = queueName(this.service, role);
    return this.broker.peek(deadLetterQueueName(queue), limit).map((message) => toDeadLetter(queue, message));
  }

  private async request<P, R>(definition: RequestDefinition<P, R>, payload: P, options: RequestOptions = {}): Promise<R> {
    this.ensureOpen();
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const envelope = createEnvelope(definition, payload, { context: options.context, messageId: options.messageId });
    const correlationId = randomUUID();
    const startedAt = performance.now();
    const awaitedReply = this.pendingReplies.wait(correlationId, timeoutMs);
    const routed = this.broker.publish(REQUESTS_EXCHANGE, definition.type, {
      body: JSON.stringify(envelope),
      // The request expires with its caller's patience, so no instance works on a stale one.
      properties: {
        messageId: envelope.id,
        type: envelope.type,
        replyTo: this.replyQueue,
        correlationId,
        expirationMs: timeoutMs,
        headers: {},
      },
    });
    if (routed) this.observer.published(definition.type, definition.kind);
    else this.pendingReplies.fail(correlationId, new ServiceUnavailableError(definition.owner, definition.type));

    const complete = (outcome: 'ok' | 'error' | 'timeout') =>
      this.observer.requestCompleted(definition.type, definition.kind, performance.now() - startedAt, outcome);
    let reply: ReplyBody;
    try {
      const awaited = await awaitedReply;
      if (awaited.kind === 'timeout') throw this.noReplyError(definition, timeoutMs);
      reply = awaited.body;
    } catch (error) {
      complete(error instanceof BusTimeoutError ? 'timeout' : 'error');
      throw error;
    }
    if (!reply.ok) {
      complete('error');
      throw ApplicationError.fromBody(reply.error);
    }
    complete('ok');
    return reply.result as R;
  }

  /** Nobody consuming the owner's queue means the service is down, not slow. */
  private noReplyError(definition: RequestDefinition<unknown, unknown>, timeoutMs: number): Error {
    const ownerQueue = queueName(definition.owner, 'requests');
    return this.broker.consumerCount(ownerQueue) === 0
      ? new ServiceUnavailableError(definition.owner, definition.type)
      : new BusTimeoutError(definition.type, timeoutMs);
  }

  private consume(
    role: QueueRole,
    exchange: string,
    bindingKeys: readonly string[],
    process: (consumer: InProcessConsumer, delivery: Delivery) => Promise<void>,
  ): void {
    const queue = queueName(this.service, role);
    this.broker.assertQueue(queue);
    this.broker.assertQueue(retryQueueName(queue), { deadLetterQueue: queue });
    this.broker.assertQueue(deadLetterQueueName(queue));
    for (const key of bindingKeys) this.broker.bindQueue(queue, exchange, key);
    const consumer: InProcessConsumer = this.broker.consume(queue, { prefetch: this.prefetch }, (delivery) =>
      this.track(process(consumer, delivery), delivery),
    );
    this.workConsumers.push(consumer);
  }

  /** Like RabbitMQ's exclusive auto-delete queue: this instance's alone, gone when it closes. */
  private consumeInstanceEvents(patterns: readonly string[]): void {
    const queue = instanceEventsQueueName(this.service, this.instanceId);
    this.broker.assertQueue(queue);
    for (const pattern of patterns) this.broker.bindQueue(queue, EVENTS_EXCHANGE, pattern);
    const consumer: InProcessConsumer = this.broker.consume(queue, { prefetch: this.prefetch }, (delivery) =>
      this.track(this.processEvent(consumer, delivery, 'instance'), delivery),
    );
    this.workConsumers.push(consumer);
  }

  private patternsOf(scope: SubscriptionScope): string[] {
    return [...new Set(this.subscriptions.filter((s) => s.scope === scope).map((s) => s.pattern))];
  }

  private track(processing: Promise<void>, delivery: Delivery): void {
    const tracked = processing.catch((error: unknown) => {
      this.logger?.error({ service: this.service, queue: delivery.queue, err: error }, 'Message processing crashed');
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async processRequest(consumer: InProcessConsumer, delivery: Delivery): Promise<void> {
    const startedAt = performance.now();
    const envelope = JSON.parse(delivery.message.body) as MessageEnvelope;
    const registration = this.requestHandlers.get(envelope.type);
    const outcome: HandlerOutcome = registration
      ? await runHandler(envelope, () => this.tracer.traceHandling(envelope, () => registration.handler(envelope.payload, envelope)))
      : { kind: 'failed', error: new Error(`No handler for ${envelope.type} in ${this.service}`) };
    // A closed bus is a dead connection: no reply, no ack, the broker has requeued the message.
    if (this.state === 'closed') return;

    let consumed: ConsumeOutcome;
    if (outcome.kind === 'ok') {
      this.reply(delivery, { ok: true, result: outcome.result });
      consumer.ack(delivery);
      consumed = 'ok';
    } else if (outcome.kind === 'rejected') {
      this.reply(delivery, { ok: false, error: outcome.error.toBody() });
      consumer.ack(delivery);
      consumed = 'rejected';
    } else {
      consumed = this.retryOrDeadLetter(consumer, delivery, outcome.error);
      if (consumed === 'dead-lettered') {
        this.reply(delivery, {
          ok: false,
          error: { code: ErrorCode.INTERNAL_ERROR, message: `${envelope.type} failed in ${this.service}` },
        });
      }
    }
    this.observer.consumed(envelope.type, envelope.kind, performance.now() - startedAt, consumed);
  }

  private async processEvent(consumer: InProcessConsumer, delivery: Delivery, scope: SubscriptionScope): Promise<void> {
    const startedAt = performance.now();
    const envelope = JSON.parse(delivery.message.body) as MessageEnvelope;
    const subscribers = this.subscriptions.filter(
      (subscription) => subscription.scope === scope && topicMatches(subscription.pattern, envelope.type),
    );
    const outcome = await runHandler(envelope, () =>
      this.tracer.traceHandling(envelope, async () => {
        for (const subscriber of subscribers) await subscriber.handler(envelope.payload, envelope);
      }),
    );
    if (this.state === 'closed') return;

    let consumed: ConsumeOutcome;
    if (outcome.kind === 'failed' && scope === 'instance') {
      this.logger?.error(
        { service: this.service, queue: delivery.queue, type: envelope.type, messageId: envelope.id, reason: describeError(outcome.error) },
        'Instance-scoped event handler failed; event dropped',
      );
      consumer.ack(delivery);
      consumed = 'dropped';
    } else if (outcome.kind === 'failed') {
      consumed = this.retryOrDeadLetter(consumer, delivery, outcome.error);
    } else {
      if (outcome.kind === 'rejected') {
        this.logger?.warn(
          { service: this.service, type: envelope.type, messageId: envelope.id, code: outcome.error.code },
          'Event rejected',
        );
      }
      consumer.ack(delivery);
      consumed = outcome.kind === 'ok' ? 'ok' : 'rejected';
    }
    this.observer.consumed(envelope.type, envelope.kind, performance.now() - startedAt, consumed);
  }

  /** Parks a failed message in the retry queue for its next backoff delay, or dead-letters it. */
  private retryOrDeadLetter(consumer: InProcessConsumer, delivery: Delivery, error: unknown): 'retried' | 'dead-lettered' {
    const attempts = failedAttempts(delivery.message) + 1;
    const reason = describeError(error);
    const delayMs = this.retryDelaysMs[attempts - 1];
    const log = { service: this.service, queue: delivery.queue, type: delivery.message.properties.type, attempts, reason };
    if (delayMs !== undefined) {
      const retry = withHeaders(delivery.message, { [ATTEMPTS_HEADER]: attempts });
      retry.properties.expirationMs = delayMs;
      this.broker.sendToQueue(retryQueueName(delivery.queue), retry);
      consumer.ack(delivery);
      this.logger?.warn({ ...log, delayMs }, 'Handler failed; message will be retried');
      return 'retried';
    }
    const deadLetter: BrokerMessage = withHeaders(delivery.message, {
      [ATTEMPTS_HEADER]: attempts,
      [DEAD_LETTER_REASON_HEADER]: reason,
      [DEAD_LETTERED_AT_HEADER]: new Date().toISOString(),
    });
    delete deadLetter.properties.expirationMs;
    this.broker.sendToQueue(deadLetterQueueName(delivery.queue), deadLetter);
    consumer.ack(delivery);
    this.logger?.error(log, 'Handler failed for good; message dead-lettered');
    return 'dead-lettered';
  }

  private reply(delivery: Delivery, body: ReplyBody): void {
    const { replyTo, correlationId, type } = delivery.message.properties;
    if (!replyTo) return;
    // The caller may be gone (closed or restarted): the reply is then dropped, as in RabbitMQ.
    this.broker.sendToQueue(replyTo, {
      body: JSON.stringify(body),
      properties: { messageId: randomUUID(), type: `${type}.reply`, correlationId, headers: {} },
    });
  }

  private onReply(delivery: Delivery): void {
    const { correlationId } = delivery.message.properties;
    if (correlationId) this.pendingReplies.settle(correlationId, JSON.parse(delivery.message.body) as ReplyBody);
    this.replyConsumer.ack(delivery);
  }

  private ensureOpen(): void {
    if (this.state === 'closed') throw new BrokerUnavailableError(`The ${this.service} message bus is closed`);
  }

  private ensureRegistrationOpen(what: string): void {
    if (this.state !== 'created') throw new Error(`Register ${what} before start(): the ${this.service} bus is ${this.state}`);
  }
}

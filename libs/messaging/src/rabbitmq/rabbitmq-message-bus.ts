import type { CommandDefinition, EventDefinition, MessageEnvelope, QueryDefinition, RequestDefinition } from '#contracts';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, Message, Options } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { NOOP_BUS_OBSERVER, type BusObserver } from '../port/bus-observer.js';
import { BrokerUnavailableError, BusTimeoutError, ServiceUnavailableError } from '../port/bus-errors.js';
import { DEFAULT_PREFETCH, DEFAULT_RETRY_DELAYS_MS, DEFAULT_TIMEOUT_MS, type BusLogger } from '../port/bus-options.js';
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
} from '../port/message-bus.js';
import { EVENTS_EXCHANGE, queueName, REQUESTS_EXCHANGE } from '../port/topology.js';
import { BrokerConnection } from './broker-connection.js';
import { countConsumers, peekDeadLetterQueue } from './broker-queries.js';
import { InFlightHandlers } from './in-flight-handlers.js';
import { MessageDispatcher } from './message-dispatcher.js';
import { PendingRequests } from './pending-requests.js';
import { QueueConsumer } from './queue-consumer.js';
import {
  DEFAULT_HEARTBEAT_SECONDS,
  DEFAULT_PEEK_LIMIT,
  DEFAULT_RECONNECT_DELAYS_MS,
  DEFAULT_STOP_GRACE_MS,
  type RabbitMqBusOptions,
} from './rabbitmq-bus-options.js';
import { declareExchanges, declareInstanceEventsQueue, declareServiceQueues } from './rabbitmq-topology.js';
import { decodeReply, DIRECT_REPLY_QUEUE, encodeJson, JSON_CONTENT_TYPE } from './wire-format.js';

/** A consumed queue of this bus: one of the service's queues, or this instance's own event queue. */
type ConsumerSlot = QueueRole | 'instance-events';

/** The channels of one live connection. */
interface Session {
  model: ChannelModel;
  /** Publishes with confirms; also receives the replies (direct reply-to needs the same channel). */
  publisher: ConfirmChannel;
  /** Consumes this service's queues (with prefetch), acknowledges, and sends replies. */
  consumer: Channel;
  consumers: Map<ConsumerSlot, QueueConsumer>;
}

/**
 * The message bus on RabbitMQ (see port/topology.ts for the exchanges and queues). Requests use
 * direct reply-to and are not awaited for their confirm: the reply proves delivery, and a return
 * (no queue bound) or a nack fails the request early.
 */
export class RabbitMqMessageBus extends MessageBus {
  readonly service: string;
  /** Names this instance's own event queue (instance-scoped subscriptions). */
  readonly instanceId = randomUUID();

  private readonly defaultTimeoutMs: number;
  private readonly prefetch: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly closeGraceMs: number;
  private readonly observer: BusObserver;
  private readonly tracer: MessageTracer;
  private readonly logger: BusLogger | undefined;
  private readonly connection: BrokerConnection;
  private readonly pending = new PendingRequests();
  private readonly dispatcher = new MessageDispatcher();
  private readonly instanceDispatcher = new MessageDispatcher();
  private readonly inFlight = new InFlightHandlers();

  private session: Session | undefined;
  private opening: Promise<void> | undefined;
  /** start() was called and stopConsuming() was not: consumers come back after a reconnect. */
  private consuming = false;
  private started = false;
  private closed = false;

  /** Creates the bus and connects it (publishing and requests work; call start() to consume). */
  static async connect(options: RabbitMqBusOptions): Promise<RabbitMqMessageBus> {
    const bus = new RabbitMqMessageBus(options);
    await bus.connect();
    return bus;
  }

  constructor(options: RabbitMqBusOptions) {
    super();
    this.service = options.service;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.prefetch = options.prefetch ?? DEFAULT_PREFETCH;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.closeGraceMs = options.closeGraceMs ?? 0;
    this.observer = options.observer ?? NOOP_BUS_OBSERVER;
    this.tracer = options.tracer ?? NOOP_MESSAGE_TRACER;
    this.logger = options.logger;
    this.connection = new BrokerConnection({
      url: options.url,
      heartbeatSeconds: options.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
      reconnectDelaysMs: options.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS,
      connectionName: `voxify.${options.service}.${randomUUID().slice(0, 8)}`,
      logger: options.logger,
      onConnected: (model) => this.openSession(model),
      onDisconnected: () => this.dropSession(),
    });
  }

  /** Connects once; later connection losses are repaired in the background. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new BrokerUnavailableError('The bus is closed'));
    this.opening ??= this.connection.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  isConnected(): boolean {
    return this.connection.isReady() && this.session !== undefined;
  }

  send<P, R>(command: CommandDefinition<P, R>, payload: P, options?: RequestOptions): Promise<R> {
    return sendTraced(this.tracer, command, options, (traced) => this.request(command, payload, traced));
  }

  query<P, R>(query: QueryDefinition<P, R>, payload: P, options?: RequestOptions): Promise<R> {
    return sendTraced(this.tracer, query, options, (traced) => this.request(query, payload, traced));
  }

  publish<P>(event: EventDefinition<P>, payload: P, options?: PublishOptions): Promise<void> {
    return sendTraced(this.tracer, event, options, (traced) => this.publishEnvelopes([createEnvelope(event, payload, traced)]));
  }

  publishEnvelopes(envelopes: readonly MessageEnvelope[]): Promise<void> {
    const publisher = this.session?.publisher;
    if (!publisher) return Promise.reject(new BrokerUnavailableError());
    const notEvent = envelopes.find((envelope) => envelope.kind !== 'event');
    if (notEvent) return Promise.reject(new Error(`Only events can be published; ${notEvent.type} is a ${notEvent.kind}`));
    if (envelopes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let unconfirmed = envelopes.length;
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        const reason = error instanceof Error ? error.message : String(error);
        reject(new BrokerUnavailableError(`The broker did not confirm the events: ${reason}`));
      };
      const onConfirm = (error: unknown): void => {
        if (error) fail(error);
        else if (--unconfirmed === 0 && !failed) resolve();
      };
      try {
        for (const envelope of envelopes) {
          publisher.publish(
            EVENTS_EXCHANGE,
            envelope.type,
            encodeJson(envelope),
            { messageId: envelope.id, type: envelope.type, contentType: JSON_CONTENT_TYPE, persistent: true },
            onConfirm,
          );
          this.observer.published(envelope.type, envelope.kind);
        }
      } catch (error) {
        fail(error);
      }
    });
  }

  handle<P, R>(definition: RequestDefinition<P, R>, handler: RequestHandler<P, R>): void {
    this.ensureRegistrationOpen(definition.type);
    if (definition.owner !== this.service) {
      throw new Error(`${definition.type} belongs to ${definition.owner}; the ${this.service} bus cannot handle it`);
    }
    this.dispatcher.addRequestHandler(definition.type, handler as RequestHandler<unknown, unknown>);
  }

  subscribe<P>(event: EventDefinition<P> | string, handler: EventHandler<P>, options: SubscribeOptions = {}): void {
    const pattern = typeof event === 'string' ? event : event.type;
    this.ensureRegistrationOpen(pattern);
    const dispatcher = options.scope === 'instance' ? this.instanceDispatcher : this.dispatcher;
    dispatcher.addEventHandler(pattern, handler as EventHandler<unknown>);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.connect();
    this.started = true;
    this.consuming = true;
    const session = this.session;
    if (session) await this.startConsumers(session);
  }

  async stopConsuming(graceMs = DEFAULT_STOP_GRACE_MS): Promise<void> {
    this.consuming = false;
    const session = this.session;
    if (session) {
      const consumers = [...session.consumers.values()];
      session.consumers.clear();
      await Promise.all(consumers.map((consumer) => consumer.cancel()));
    }
    if (!(await this.inFlight.waitUntilIdle(graceMs))) {
      this.logger?.warn({ inFlight: this.inFlight.size, graceMs }, 'Handlers still running after the grace period');
    }
  }

  /**
   * Closes after at most `closeGraceMs` (default 0; call stopConsuming first for a graceful stop):
   * messages of handlers still running stay unacknowledged and the broker redelivers them.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.consuming = false;
    if (this.closeGraceMs > 0) await this.inFlight.waitUntilIdle(this.closeGraceMs);
    this.session = undefined;
    this.pending.failAll(new BrokerUnavailableError('The bus was closed'));
    await this.connection.close();
  }

  async peekDeadLetters(role: QueueRole, limit = DEFAULT_PEEK_LIMIT): Promise<DeadLetter[]> {
    const model = this.session?.model;
    if (!model) throw new BrokerUnavailableError();
    return peekDeadLetterQueue(model, queueName(this.service, role), limit);
  }

  private request<P, R>(definition: RequestDefinition<P, R>, payload: P, options?: RequestOptions): Promise<R> {
    const publisher = this.session?.publisher;
    if (!publisher) return Promise.reject(new BrokerUnavailableError());
    const timeoutMs = options?.timeoutMs ?? this.defaultTimeoutMs;
    const envelope = createEnvelope(definition, payload, options);
    if (this.pending.has(envelope.id)) {
      return Promise.reject(new Error(`A request with message id ${envelope.id} is already waiting for its reply`));
    }
    const { type, kind } = definition;
    const startedAt = performance.now();
    return new Promise<R>((resolve, reject) => {
      const complete = (outcome: 'ok' | 'error' | 'timeout'): void =>
        this.observer.requestCompleted(type, kind, performance.now() - startedAt, outcome);
      this.pending.add(envelope.id, timeoutMs, {
        messageType: type,
        owner: definition.owner,
        resolve: (result) => {
          complete('ok');
          resolve(result as R);
        },
        reject: (error) => {
          complete('error');
          reject(error);
        },
        onTimeout: () => {
          void this.explainTimeout(definition, timeoutMs).then((error) => {
            complete(error instanceof BusTimeoutError ? 'timeout' : 'error');
            reject(error);
          });
        },
      });
      const properties: Options.Publish = {
        messageId: envelope.id,
        type,
        contentType: JSON_CONTENT_TYPE,
        replyTo: DIRECT_REPLY_QUEUE,
        // A request nobody took within the caller's timeout is dropped, not handled late.
        expiration: String(timeoutMs),
        // Queries are reads: losing one in a broker crash only costs the caller a retry.
        persistent: kind === 'command',
        mandatory: true,
      };
      try {
        publisher.publish(REQUESTS_EXCHANGE, type, encodeJson(envelope), properties, (error: unknown) => {
          if (error) this.pending.fail(envelope.id, new BrokerUnavailableError(`The broker did not accept ${type}`));
        });
        this.observer.published(type, kind);
      } catch {
        this.pending.fail(envelope.id, new BrokerUnavailableError());
      }
    });
  }

  private async explainTimeout(definition: RequestDefinition<unknown, unknown>, timeoutMs: number): Promise<Error> {
    const timeout = new BusTimeoutError(definition.type, timeoutMs);
    const model = this.session?.model;
    if (!model) return timeout;
    try {
      const consumers = await countConsumers(model, queueName(definition.owner, 'requests'));
      return consumers === 0 ? new ServiceUnavailableError(definition.owner, definition.type) : timeout;
    } catch {
      return timeout;
    }
  }

  private async openSession(model: ChannelModel): Promise<void> {
    const publisher = await model.createConfirmChannel();
    const consumer = await model.createChannel();
    const session: Session = { model, publisher, consumer, consumers: new Map() };
    for (const channel of [publisher, consumer]) {
      channel.on('error', (error: Error) => this.logger?.warn({ err: error.message }, 'A bus channel failed'));
      // Any channel dying takes the session with it; reconnecting rebuilds everything in one place.
      channel.on('close', () => this.connection.recycle(new Error('A bus channel closed')));
    }
    publisher.on('return', (message: Message) => this.onReturned(message));
    await declareExchanges(publisher);
    await publisher.consume(DIRECT_REPLY_QUEUE, (message) => this.onReply(message), { noAck: true });
    await consumer.prefetch(this.prefetch);
    this.session = session;
    if (this.consuming) await this.startConsumers(session);
  }

  private dropSession(): void {
    this.session = undefined;
    this.pending.failAll(new BrokerUnavailableError('Lost the connection to the broker'));
  }

  /** Declares the queues for what is registered and consumes each one not consumed yet. */
  private async startConsumers(session: Session): Promise<void> {
    const roles: Array<[QueueRole, string[]]> = [
      ['requests', this.dispatcher.requestTypes()],
      ['events', this.dispatcher.eventPatterns()],
    ];
    for (const [role, routingKeys] of roles) {
      if (routingKeys.length === 0) continue;
      const queue = await declareServiceQueues(session.consumer, this.service, role, routingKeys);
      if (session.consumers.has(role) || !this.consuming || this.session !== session) continue;
      const consumer = new QueueConsumer({
        queue,
        role,
        channel: session.consumer,
        publishConfirmed: (target, content, options) => this.publishToQueueConfirmed(target, content, options),
        dispatch: (envelope) =>
          this.tracer.traceHandling(envelope, async () =>
            role === 'requests' ? this.dispatcher.dispatchRequest(envelope) : this.dispatcher.dispatchEvent(envelope),
          ),
        retryDelaysMs: this.retryDelaysMs,
        inFlight: this.inFlight,
        observer: this.observer,
        logger: this.logger,
      });
      session.consumers.set(role, consumer);
      await consumer.start();
    }
    await this.startInstanceEventsConsumer(session);
  }

  /**
   * This instance's own event queue (exclusive, auto-delete): it disappears with the connection and
   * is declared again after a reconnect, so events published in between never reach this instance.
   */
  private async startInstanceEventsConsumer(session: Session): Promise<void> {
    const patterns = this.instanceDispatcher.eventPatterns();
    if (patterns.length === 0) return;
    const queue = await declareInstanceEventsQueue(session.consumer, this.service, this.instanceId, patterns);
    if (session.consumers.has('instance-events') || !this.consuming || this.session !== session) return;
    const consumer = new QueueConsumer({
      queue,
      role: 'events',
      channel: session.consumer,
      publishConfirmed: (target, content, options) => this.publishToQueueConfirmed(target, content, options),
      dispatch: (envelope) => this.tracer.traceHandling(envelope, () => this.instanceDispatcher.dispatchEvent(envelope)),
      retryDelaysMs: [],
      dropFailures: true,
      inFlight: this.inFlight,
      observer: this.observer,
      logger: this.logger,
    });
    session.consumers.set('instance-events', consumer);
    await consumer.start();
  }

  /** Bindings are declared by start(), so everything must be registered before it. */
  private ensureRegistrationOpen(what: string): void {
    if (this.started || this.closed) throw new Error(`Register ${what} before start(): the ${this.service} bus has started`);
  }

  private publishToQueueConfirmed(queue: string, content: Buffer, options: Options.Publish): Promise<void> {
    const publisher = this.session?.publisher;
    if (!publisher) return Promise.reject(new BrokerUnavailableError());
    return new Promise((resolve, reject) => {
      try {
        publisher.publish('', queue, content, options, (error: unknown) =>
          error ? reject(new BrokerUnavailableError(`The broker did not confirm a message for ${queue}`)) : resolve(),
        );
      } catch (error) {
        reject(error instanceof Error ? error : new BrokerUnavailableError());
      }
    });
  }

  private onReply(message: ConsumeMessage | null): void {
    if (!message) return;
    const id = message.properties.correlationId as string | undefined;
    if (!id) return;
    try {
      this.pending.settleWithReply(id, decodeReply(message.content));
    } catch (error) {
      this.pending.fail(id, error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onReturned(message: Message): void {
    const id = message.properties.messageId as string | undefined;
    if (!id) return;
    this.pending.fail(id, (pending) => new ServiceUnavailableError(pending.owner, pending.messageType));
  }
}

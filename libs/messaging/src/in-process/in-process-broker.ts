import { EVENTS_EXCHANGE, REQUESTS_EXCHANGE, topicMatches } from '../port/topology.js';
import type { BrokerMessage } from './broker-message.js';
import { InProcessConsumer, type DeliveryCallback } from './in-process-consumer.js';
import { InProcessQueue, type QueueOptions } from './in-process-queue.js';

export type ExchangeType = 'direct' | 'topic';

interface Exchange {
  readonly type: ExchangeType;
  /** Queue name -> binding keys. */
  readonly bindings: Map<string, Set<string>>;
}

export class UnknownQueueError extends Error {
  constructor(readonly queue: string) {
    super(`Queue ${queue} does not exist`);
    this.name = 'UnknownQueueError';
  }
}

/**
 * The in-process stand-in for the RabbitMQ server, shared by every `InProcessMessageBus` of one
 * process: exchanges with bindings, named queues, consumers with prefetch and manual acks,
 * per-message expiration with dead-lettering. It comes with the two exchanges of the Voxify topology.
 */
export class InProcessBroker {
  private readonly exchanges = new Map<string, Exchange>();
  private readonly queues = new Map<string, InProcessQueue>();

  constructor() {
    this.assertExchange(REQUESTS_EXCHANGE, 'direct');
    this.assertExchange(EVENTS_EXCHANGE, 'topic');
  }

  assertExchange(name: string, type: ExchangeType): void {
    const existing = this.exchanges.get(name);
    if (existing && existing.type !== type) throw new Error(`Exchange ${name} already exists as ${existing.type}`);
    if (!existing) this.exchanges.set(name, { type, bindings: new Map() });
  }

  /** Declares a queue; declaring an existing one keeps it (and its messages) as it is. */
  assertQueue(name: string, options: QueueOptions = {}): void {
    if (this.queues.has(name)) return;
    this.queues.set(name, new InProcessQueue(name, options, (target, message) => this.sendToQueue(target, message)));
  }

  hasQueue(name: string): boolean {
    return this.queues.has(name);
  }

  deleteQueue(name: string): void {
    this.queues.get(name)?.dispose();
    this.queues.delete(name);
    for (const exchange of this.exchanges.values()) exchange.bindings.delete(name);
  }

  bindQueue(queue: string, exchange: string, bindingKey: string): void {
    this.requireQueue(queue);
    const bindings = this.requireExchange(exchange).bindings;
    const keys = bindings.get(queue) ?? new Set<string>();
    keys.add(bindingKey);
    bindings.set(queue, keys);
  }

  /** Routes a message to every bound queue (once per queue); false when no queue took it. */
  publish(exchangeName: string, routingKey: string, message: BrokerMessage): boolean {
    const exchange = this.requireExchange(exchangeName);
    let routed = false;
    for (const [queue, keys] of exchange.bindings) {
      if (![...keys].some((key) => this.keyMatches(exchange.type, key, routingKey))) continue;
      this.queues.get(queue)?.enqueue(message);
      routed = true;
    }
    return routed;
  }

  /** Publishes straight to a queue (AMQP's default exchange); false when the queue does not exist. */
  sendToQueue(queue: string, message: BrokerMessage): boolean {
    const target = this.queues.get(queue);
    if (!target) return false;
    target.enqueue(message);
    return true;
  }

  consume(queue: string, options: { prefetch: number }, onDelivery: DeliveryCallback): InProcessConsumer {
    const target = this.requireQueue(queue);
    const consumer = new InProcessConsumer(target, options.prefetch, onDelivery);
    target.addConsumer(consumer);
    return consumer;
  }

  consumerCount(queue: string): number {
    return this.queues.get(queue)?.consumerCount ?? 0;
  }

  messageCount(queue: string): number {
    return this.queues.get(queue)?.messageCount ?? 0;
  }

  /** Reads ready messages without removing them. */
  peek(queue: string, limit: number): BrokerMessage[] {
    return this.queues.get(queue)?.peek(limit) ?? [];
  }

  /** Drops every queue and its timers (test teardown, or the end of the embedded process). */
  close(): void {
    for (const queue of this.queues.values()) queue.dispose();
    this.queues.clear();
    for (const exchange of this.exchanges.values()) exchange.bindings.clear();
  }

  private keyMatches(type: ExchangeType, bindingKey: string, routingKey: string): boolean {
    return type === 'direct' ? bindingKey === routingKey : topicMatches(bindingKey, routingKey);
  }

  private requireQueue(name: string): InProcessQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new UnknownQueueError(name);
    return queue;
  }

  private requireExchange(name: string): Exchange {
    const exchange = this.exchanges.get(name);
    if (!exchange) throw new Error(`Exchange ${name} does not exist`);
    return exchange;
  }
}

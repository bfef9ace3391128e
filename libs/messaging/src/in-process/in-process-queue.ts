import type { BrokerMessage, Delivery } from './broker-message.js';
import type { InProcessConsumer } from './in-process-consumer.js';

export interface QueueOptions {
  /** Where expired messages go (AMQP `x-dead-letter-exchange` to a queue); dropped when absent. */
  deadLetterQueue?: string;
}

/** A message waiting in a queue, with its absolute expiry (kept across redeliveries). */
export interface QueuedMessage {
  readonly message: BrokerMessage;
  readonly expiresAt?: number;
  redelivered: boolean;
  expiryTimer?: NodeJS.Timeout;
}

type DeadLetterSink = (queue: string, message: BrokerMessage) => void;

/**
 * A named queue: holds ready messages in order and hands them to its consumers round-robin,
 * respecting each consumer's prefetch. Dispatch always runs on a later turn of the event loop.
 */
export class InProcessQueue {
  private readonly ready: QueuedMessage[] = [];
  private readonly consumers: InProcessConsumer[] = [];
  private nextConsumer = 0;
  private nextDeliveryTag = 1;
  private drainScheduled: NodeJS.Immediate | undefined;

  constructor(
    readonly name: string,
    readonly options: QueueOptions,
    private readonly deadLetter: DeadLetterSink,
  ) {}

  get messageCount(): number {
    return this.ready.length;
  }

  get consumerCount(): number {
    return this.consumers.length;
  }

  enqueue(message: BrokerMessage): void {
    const expiresAt = message.properties.expirationMs === undefined ? undefined : Date.now() + message.properties.expirationMs;
    const entry: QueuedMessage = { message, expiresAt, redelivered: false };
    this.ready.push(entry);
    this.scheduleExpiry(entry);
    this.scheduleDrain();
  }

  /** Puts unacknowledged messages back at the head of the queue, in their original order. */
  requeue(entries: readonly QueuedMessage[]): void {
    for (const entry of [...entries].reverse()) {
      entry.redelivered = true;
      this.ready.unshift(entry);
      this.scheduleExpiry(entry);
    }
    this.scheduleDrain();
  }

  peek(limit: number): BrokerMessage[] {
    return this.ready.slice(0, limit).map((entry) => entry.message);
  }

  addConsumer(consumer: InProcessConsumer): void {
    this.consumers.push(consumer);
    this.scheduleDrain();
  }

  removeConsumer(consumer: InProcessConsumer): void {
    const index = this.consumers.indexOf(consumer);
    if (index >= 0) this.consumers.splice(index, 1);
  }

  scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = setImmediate(() => {
      this.drainScheduled = undefined;
      this.drain();
    });
  }

  dispose(): void {
    if (this.drainScheduled) clearImmediate(this.drainScheduled);
    this.drainScheduled = undefined;
    for (const entry of this.ready) clearTimeout(entry.expiryTimer);
    this.ready.length = 0;
    this.consumers.length = 0;
  }

  private drain(): void {
    while (this.ready.length > 0) {
      const consumer = this.pickConsumer();
      if (!consumer) return;
      const entry = this.ready.shift()!;
      clearTimeout(entry.expiryTimer);
      if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
        this.expire(entry);
        continue;
      }
      const delivery: Delivery = {
        deliveryTag: this.nextDeliveryTag++,
        queue: this.name,
        message: entry.message,
        redelivered: entry.redelivered,
      };
      consumer.deliver(delivery, entry);
    }
  }

  private pickConsumer(): InProcessConsumer | undefined {
    for (let offset = 0; offset < this.consumers.length; offset++) {
      const index = (this.nextConsumer + offset) % this.consumers.length;
      const consumer = this.consumers[index]!;
      if (consumer.hasCapacity()) {
        this.nextConsumer = (index + 1) % this.consumers.length;
        return consumer;
      }
    }
    return undefined;
  }

  private scheduleExpiry(entry: QueuedMessage): void {
    clearTimeout(entry.expiryTimer);
    if (entry.expiresAt === undefined) return;
    entry.expiryTimer = setTimeout(
      () => {
        const index = this.ready.indexOf(entry);
        if (index < 0) return;
        this.ready.splice(index, 1);
        this.expire(entry);
      },
      Math.max(0, entry.expiresAt - Date.now()),
    );
    entry.expiryTimer.unref();
  }

  private expire(entry: QueuedMessage): void {
    if (!this.options.deadLetterQueue) return;
    // Like RabbitMQ, a dead-lettered message loses its expiration so it does not expire again.
    const { expirationMs: _expired, ...properties } = entry.message.properties;
    this.deadLetter(this.options.deadLetterQueue, { body: entry.message.body, properties });
  }
}

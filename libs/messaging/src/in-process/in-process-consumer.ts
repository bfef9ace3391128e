import type { Delivery } from './broker-message.js';
import type { InProcessQueue, QueuedMessage } from './in-process-queue.js';

export type DeliveryCallback = (delivery: Delivery) => void;

/**
 * One consumer on one queue (what a channel + basic.consume is in AMQP). It holds the messages it
 * was given until they are acked; `close()` returns the unacked ones to the queue for redelivery.
 */
export class InProcessConsumer {
  private readonly unacked = new Map<number, QueuedMessage>();
  private accepting = true;
  private closed = false;

  constructor(
    private readonly queue: InProcessQueue,
    private readonly prefetch: number,
    private readonly onDelivery: DeliveryCallback,
  ) {}

  get queueName(): string {
    return this.queue.name;
  }

  get unackedCount(): number {
    return this.unacked.size;
  }

  hasCapacity(): boolean {
    return this.accepting && (this.prefetch <= 0 || this.unacked.size < this.prefetch);
  }

  deliver(delivery: Delivery, entry: QueuedMessage): void {
    this.unacked.set(delivery.deliveryTag, entry);
    this.onDelivery(delivery);
  }

  ack(delivery: Delivery): void {
    if (this.closed || !this.unacked.delete(delivery.deliveryTag)) return;
    this.queue.scheduleDrain();
  }

  /** Returns the message to the queue (requeue) or drops it. */
  nack(delivery: Delivery, requeue: boolean): void {
    const entry = this.unacked.get(delivery.deliveryTag);
    if (this.closed || !entry) return;
    this.unacked.delete(delivery.deliveryTag);
    if (requeue) this.queue.requeue([entry]);
    else this.queue.scheduleDrain();
  }

  /** Stops new deliveries; what was already delivered can still be acked. */
  cancel(): void {
    if (!this.accepting) return;
    this.accepting = false;
    this.queue.removeConsumer(this);
  }

  /** The consumer goes away: later acks are ignored and unacked messages are redelivered. */
  close(): void {
    if (this.closed) return;
    this.cancel();
    this.closed = true;
    const pending = [...this.unacked.values()];
    this.unacked.clear();
    if (pending.length > 0) this.queue.requeue(pending);
  }
}

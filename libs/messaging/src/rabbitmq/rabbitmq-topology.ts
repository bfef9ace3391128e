import type { Channel } from 'amqplib';
import type { QueueRole } from '../port/message-bus.js';
import {
  deadLetterQueueName,
  EVENTS_EXCHANGE,
  instanceEventsQueueName,
  queueName,
  REQUESTS_EXCHANGE,
  retryQueueName,
} from '../port/topology.js';

export function exchangeFor(role: QueueRole): string {
  return role === 'requests' ? REQUESTS_EXCHANGE : EVENTS_EXCHANGE;
}

/** Both exchanges; every bus declares them, so publishing never hits a missing exchange. */
export async function declareExchanges(channel: Channel): Promise<void> {
  await Promise.all([
    channel.assertExchange(REQUESTS_EXCHANGE, 'direct', { durable: true }),
    channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true }),
  ]);
}

/**
 * `voxify.<service>.<role>` with its retry and dead-letter queues, bound once per routing key.
 * Retry messages carry their backoff as a per-message expiration and then dead-letter back to the
 * main queue through the default exchange.
 */
export async function declareServiceQueues(
  channel: Channel,
  service: string,
  role: QueueRole,
  routingKeys: Iterable<string>,
): Promise<string> {
  const queue = queueName(service, role);
  await Promise.all([
    channel.assertQueue(queue, { durable: true }),
    channel.assertQueue(retryQueueName(queue), {
      durable: true,
      deadLetterExchange: '',
      deadLetterRoutingKey: queue,
    }),
    channel.assertQueue(deadLetterQueueName(queue), { durable: true }),
  ]);
  const exchange = exchangeFor(role);
  await Promise.all([...routingKeys].map((key) => channel.bindQueue(queue, exchange, key)));
  return queue;
}

/**
 * `voxify.<service>.events.<instance id>`: this bus instance's own event queue, for subscriptions
 * every replica must see. Exclusive and auto-delete (gone with the connection), not durable, and
 * without retry or dead-letter queues.
 */
export async function declareInstanceEventsQueue(
  channel: Channel,
  service: string,
  instanceId: string,
  routingKeys: Iterable<string>,
): Promise<string> {
  const queue = instanceEventsQueueName(service, instanceId);
  await channel.assertQueue(queue, { exclusive: true, autoDelete: true, durable: false });
  await Promise.all([...routingKeys].map((key) => channel.bindQueue(queue, EVENTS_EXCHANGE, key)));
  return queue;
}

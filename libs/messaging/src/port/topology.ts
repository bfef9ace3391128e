import type { QueueRole } from './message-bus.js';

/**
 * Names shared by both adapters, so the in-process bus behaves like the RabbitMQ topology:
 *
 *   voxify.requests (direct)  --type-->  voxify.<service>.requests   (commands + queries, competing consumers)
 *   voxify.events   (topic)   --type-->  voxify.<service>.events     (one queue per subscribing service)
 *                             --type-->  voxify.<service>.events.<instance id>   (instance-scoped subscriptions:
 *                                        one short-lived queue per bus instance, no retry or dead-letter queue)
 *   <queue>.retry  holds a failed message for its backoff, then dead-letters it back to <queue>
 *   <queue>.dlq    keeps what failed for good
 */
export const REQUESTS_EXCHANGE = 'voxify.requests';
export const EVENTS_EXCHANGE = 'voxify.events';

export function queueName(service: string, role: QueueRole): string {
  return `voxify.${service}.${role}`;
}

/** The queue of one bus instance's own (instance-scoped) event subscriptions. */
export function instanceEventsQueueName(service: string, instanceId: string): string {
  return `${queueName(service, 'events')}.${instanceId}`;
}

export function retryQueueName(queue: string): string {
  return `${queue}.retry`;
}

export function deadLetterQueueName(queue: string): string {
  return `${queue}.dlq`;
}

/** AMQP-style topic match: `*` is exactly one word, `#` is zero or more words. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = pattern.split('.');
  const k = routingKey.split('.');
  const match = (pi: number, ki: number): boolean => {
    if (pi === p.length) return ki === k.length;
    if (p[pi] === '#') {
      for (let skip = ki; skip <= k.length; skip++) if (match(pi + 1, skip)) return true;
      return false;
    }
    if (ki === k.length) return false;
    return (p[pi] === '*' || p[pi] === k[ki]) && match(pi + 1, ki + 1);
  };
  return match(0, 0);
}

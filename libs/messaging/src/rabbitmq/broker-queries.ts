import type { MessageEnvelope } from '#contracts';
import type { Channel, ChannelModel, GetMessage } from 'amqplib';
import { ATTEMPTS_HEADER } from '../port/bus-options.js';
import { deadLetterQueueName } from '../port/topology.js';
import type { DeadLetter } from '../port/message-bus.js';
import { DEAD_LETTER_REASON_HEADER, DEAD_LETTERED_AT_HEADER, decodeEnvelope, readCountHeader, SOURCE_QUEUE_HEADER } from './wire-format.js';

/**
 * Rare look-ups that may fail with a channel-closing error (a missing queue is a 404 that closes
 * the channel), so each runs on a short-lived channel of its own instead of the hot-path ones.
 */
async function withScratchChannel<T>(model: ChannelModel, work: (channel: Channel) => Promise<T>): Promise<T> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined);
  try {
    return await work(channel);
  } finally {
    await channel.close().catch(() => undefined);
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404;
}

/** Consumers on a queue; 0 when the queue does not exist. */
export function countConsumers(model: ChannelModel, queue: string): Promise<number> {
  return withScratchChannel(model, async (channel) => {
    try {
      return (await channel.checkQueue(queue)).consumerCount;
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
  });
}

/**
 * Reads up to `limit` messages of `<sourceQueue>.dlq` without removing them: they are fetched
 * unacknowledged and go back to their places when the scratch channel closes.
 */
export function peekDeadLetterQueue(model: ChannelModel, sourceQueue: string, limit: number): Promise<DeadLetter[]> {
  const deadLetterQueue = deadLetterQueueName(sourceQueue);
  return withScratchChannel(model, async (channel) => {
    const letters: DeadLetter[] = [];
    try {
      while (letters.length < limit) {
        const message = await channel.get(deadLetterQueue, { noAck: false });
        if (message === false) break;
        letters.push(toDeadLetter(message, sourceQueue));
      }
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return letters;
  });
}

function toDeadLetter(message: GetMessage, sourceQueue: string): DeadLetter {
  const headers = message.properties.headers ?? {};
  let envelope: MessageEnvelope;
  try {
    envelope = decodeEnvelope(message.content);
  } catch {
    envelope = {
      id: String(message.properties.messageId ?? ''),
      kind: 'event',
      type: String(message.properties.type ?? 'unknown'),
      version: 0,
      occurredAt: '',
      correlationId: '',
      payload: message.content.toString('utf8'),
    };
  }
  return {
    queue: String(headers[SOURCE_QUEUE_HEADER] ?? sourceQueue),
    envelope,
    reason: String(headers[DEAD_LETTER_REASON_HEADER] ?? 'unknown'),
    attempts: readCountHeader(headers, ATTEMPTS_HEADER),
    deadLetteredAt: String(headers[DEAD_LETTERED_AT_HEADER] ?? ''),
  };
}

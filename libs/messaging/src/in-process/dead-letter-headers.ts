import type { MessageEnvelope } from '#contracts';
import type { DeadLetter } from '../port/message-bus.js';
import { ATTEMPTS_HEADER } from '../port/bus-options.js';
import type { BrokerMessage } from './broker-message.js';

export const DEAD_LETTER_REASON_HEADER = 'x-voxify-dead-letter-reason';
export const DEAD_LETTERED_AT_HEADER = 'x-voxify-dead-lettered-at';

/** Deliveries of this message that already failed (0 on its first delivery). */
export function failedAttempts(message: BrokerMessage): number {
  const value = Number(message.properties.headers[ATTEMPTS_HEADER] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

export function withHeaders(message: BrokerMessage, headers: Record<string, unknown>): BrokerMessage {
  return { body: message.body, properties: { ...message.properties, headers: { ...message.properties.headers, ...headers } } };
}

export function toDeadLetter(queue: string, message: BrokerMessage): DeadLetter {
  const headers = message.properties.headers;
  return {
    queue,
    envelope: JSON.parse(message.body) as MessageEnvelope,
    reason: String(headers[DEAD_LETTER_REASON_HEADER] ?? 'unknown'),
    attempts: failedAttempts(message),
    deadLetteredAt: String(headers[DEAD_LETTERED_AT_HEADER] ?? ''),
  };
}

import { ApplicationError, ErrorCode, type MessageEnvelope, type ReplyBody } from '#contracts';

export const JSON_CONTENT_TYPE = 'application/json';
/** Why a message was dead-lettered (on messages in `<queue>.dlq`). */
export const DEAD_LETTER_REASON_HEADER = 'x-voxify-dead-letter-reason';
export const DEAD_LETTERED_AT_HEADER = 'x-voxify-dead-lettered-at';
/** The queue a dead-lettered message failed in. */
export const SOURCE_QUEUE_HEADER = 'x-voxify-source-queue';
export const DIRECT_REPLY_QUEUE = 'amq.rabbitmq.reply-to';

export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export function decodeEnvelope(content: Buffer): MessageEnvelope {
  const value = JSON.parse(content.toString('utf8')) as Partial<MessageEnvelope> | null;
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof value.id !== 'string' ||
    typeof value.type !== 'string' ||
    typeof value.kind !== 'string'
  ) {
    throw new Error('The message is not a Voxify envelope');
  }
  return value as MessageEnvelope;
}

export function successReply(result: unknown): ReplyBody {
  return { ok: true, result };
}

export function errorReply(error: ApplicationError): ReplyBody {
  return { ok: false, error: error.toBody() };
}

export function internalErrorReply(messageType: string): ReplyBody {
  return {
    ok: false,
    error: { code: ErrorCode.INTERNAL_ERROR, message: `Handling ${messageType} failed` },
  };
}

export function decodeReply(content: Buffer): ReplyBody {
  return JSON.parse(content.toString('utf8')) as ReplyBody;
}

/** AMQP header tables may hand numbers back as numbers, strings or `{ value }` wrappers. */
export function readCountHeader(headers: Record<string, unknown> | undefined, name: string): number {
  const raw = headers?.[name];
  const value = typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: unknown }).value : raw;
  const count = Number(value ?? 0);
  return Number.isFinite(count) && count > 0 ? count : 0;
}

import { ApplicationError, type MessageEnvelope, type ReplyBody } from '#contracts';
import type { Channel, ConsumeMessage, Options } from 'amqplib';
import { handlingContext, runWithContext } from '../context/message-context.js';
import type { BusObserver, ConsumeOutcome } from '../port/bus-observer.js';
import { ATTEMPTS_HEADER, type BusLogger } from '../port/bus-options.js';
import type { QueueRole } from '../port/message-bus.js';
import { deadLetterQueueName, retryQueueName } from '../port/topology.js';
import type { InFlightHandlers } from './in-flight-handlers.js';
import { NoHandlerError } from './message-dispatcher.js';
import { nextFailureStep } from './retry-policy.js';
import {
  DEAD_LETTER_REASON_HEADER,
  DEAD_LETTERED_AT_HEADER,
  decodeEnvelope,
  encodeJson,
  errorReply,
  internalErrorReply,
  JSON_CONTENT_TYPE,
  readCountHeader,
  SOURCE_QUEUE_HEADER,
  successReply,
} from './wire-format.js';

export interface QueueConsumerOptions {
  queue: string;
  role: QueueRole;
  /** Consumes, acknowledges and carries replies (replies need no confirm: the caller sees them). */
  channel: Channel;
  /** Publishes to a queue through the default exchange and resolves once the broker confirmed it. */
  publishConfirmed(queue: string, content: Buffer, options: Options.Publish): Promise<void>;
  dispatch(envelope: MessageEnvelope): Promise<unknown>;
  retryDelaysMs: readonly number[];
  /** Log a failed handler and acknowledge its message: no retry, no dead-letter queue (instance-scoped events). */
  dropFailures?: boolean;
  inFlight: InFlightHandlers;
  observer: BusObserver;
  logger?: BusLogger;
}

/**
 * Consumes one of the service's queues on one channel: runs the handler in the message's context,
 * replies to requests, and acknowledges only once the message is handled, retried or dead-lettered.
 */
export class QueueConsumer {
  private consumerTag: string | undefined;

  constructor(private readonly options: QueueConsumerOptions) {}

  async start(): Promise<void> {
    const { consumerTag } = await this.options.channel.consume(this.options.queue, (message) => this.onDelivery(message));
    this.consumerTag = consumerTag;
  }

  async cancel(): Promise<void> {
    const tag = this.consumerTag;
    this.consumerTag = undefined;
    if (tag) await this.options.channel.cancel(tag).catch(() => undefined);
  }

  private onDelivery(message: ConsumeMessage | null): void {
    if (message === null) {
      this.options.logger?.warn({ queue: this.options.queue }, 'The broker cancelled the consumer');
      return;
    }
    this.options.inFlight.track(this.handle(message));
  }

  private async handle(message: ConsumeMessage): Promise<void> {
    const startedAt = performance.now();
    let envelope: MessageEnvelope;
    try {
      envelope = decodeEnvelope(message.content);
    } catch (error) {
      await this.deadLetter(message, undefined, readCountHeader(message.properties.headers, ATTEMPTS_HEADER), error);
      return;
    }
    let outcome: ConsumeOutcome;
    try {
      const result = await runWithContext(handlingContext(envelope), () => this.options.dispatch(envelope));
      this.reply(message, successReply(result));
      this.ack(message);
      outcome = 'ok';
    } catch (error) {
      outcome = await this.handleFailure(message, envelope, error);
    }
    this.options.observer.consumed(envelope.type, envelope.kind, performance.now() - startedAt, outcome);
  }

  private async handleFailure(message: ConsumeMessage, envelope: MessageEnvelope, error: unknown): Promise<ConsumeOutcome> {
    if (error instanceof ApplicationError) {
      if (this.options.role === 'events') {
        this.options.logger?.warn({ queue: this.options.queue, type: envelope.type, code: error.code }, 'Event rejected');
      }
      this.reply(message, errorReply(error));
      this.ack(message);
      return 'rejected';
    }
    if (error instanceof NoHandlerError && this.options.role === 'events') {
      this.options.logger?.warn({ queue: this.options.queue, type: envelope.type }, 'Dropped an event nobody here handles');
      this.ack(message);
      return 'ok';
    }
    if (this.options.dropFailures) {
      this.options.logger?.error(
        { queue: this.options.queue, type: envelope.type, messageId: envelope.id, err: describe(error) },
        'Handler failed; message dropped',
      );
      this.ack(message);
      return 'dropped';
    }
    const previousAttempts = readCountHeader(message.properties.headers, ATTEMPTS_HEADER);
    const step =
      error instanceof NoHandlerError
        ? { action: 'dead-letter' as const, attempts: previousAttempts + 1 }
        : nextFailureStep(previousAttempts, this.options.retryDelaysMs);
    this.options.logger?.warn(
      { queue: this.options.queue, type: envelope.type, messageId: envelope.id, attempts: step.attempts, err: describe(error) },
      step.action === 'retry' ? 'Handler failed; retrying later' : 'Handler failed for good; dead-lettering',
    );
    if (step.action === 'retry') {
      // If the move fails, the unacknowledged message is redelivered, which is a retry too.
      await this.moveTo(message, retryQueueName(this.options.queue), {
        expiration: String(step.delayMs),
        headers: { ...message.properties.headers, [ATTEMPTS_HEADER]: step.attempts },
      });
      return 'retried';
    }
    await this.deadLetter(message, envelope, step.attempts - 1, error);
    return 'dead-lettered';
  }

  private async deadLetter(
    message: ConsumeMessage,
    envelope: MessageEnvelope | undefined,
    previousAttempts: number,
    error: unknown,
  ): Promise<void> {
    const moved = await this.moveTo(message, deadLetterQueueName(this.options.queue), {
      headers: {
        ...message.properties.headers,
        [ATTEMPTS_HEADER]: previousAttempts + 1,
        [DEAD_LETTER_REASON_HEADER]: describe(error),
        [DEAD_LETTERED_AT_HEADER]: new Date().toISOString(),
        [SOURCE_QUEUE_HEADER]: this.options.queue,
      },
    });
    if (moved) this.reply(message, internalErrorReply(envelope?.type ?? String(message.properties.type)));
  }

  /** Re-publishes the message to another queue, then acks the original; false if that failed. */
  private async moveTo(message: ConsumeMessage, queue: string, overrides: Options.Publish): Promise<boolean> {
    const { properties } = message;
    try {
      await this.options.publishConfirmed(queue, message.content, {
        persistent: true,
        contentType: properties.contentType as string | undefined,
        messageId: properties.messageId as string | undefined,
        type: properties.type as string | undefined,
        replyTo: properties.replyTo as string | undefined,
        correlationId: properties.correlationId as string | undefined,
        ...overrides,
      });
    } catch (error) {
      // Left unacknowledged: the broker redelivers it once this channel is gone.
      this.options.logger?.error({ queue, err: describe(error) }, 'Could not move a failed message');
      return false;
    }
    this.ack(message);
    return true;
  }

  private reply(message: ConsumeMessage, body: ReplyBody): void {
    const replyTo = message.properties.replyTo as string | undefined;
    if (!replyTo || this.options.role !== 'requests') return;
    try {
      this.options.channel.publish('', replyTo, encodeJson(body), {
        correlationId: message.properties.messageId as string,
        contentType: JSON_CONTENT_TYPE,
      });
    } catch (error) {
      this.options.logger?.warn({ err: describe(error) }, 'Could not send a reply');
    }
  }

  private ack(message: ConsumeMessage): void {
    try {
      this.options.channel.ack(message);
    } catch {
      // The channel is closed; the broker redelivers the message to the next consumer.
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

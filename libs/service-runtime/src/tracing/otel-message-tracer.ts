import { context, SpanKind, trace, type Tracer } from '@opentelemetry/api';
import type { MessageEnvelope } from '#contracts';
import { currentContext, runWithContext, type MessageTracer, type OutgoingMessage } from '#messaging';
import { endWhenSettled } from './span-outcome.js';
import { contextFromTraceparent, formatTraceparent } from './traceparent.js';

// Messaging attribute names of the OpenTelemetry semantic conventions (still incubating there).
const MESSAGING_SYSTEM = 'messaging.system';
const MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
const MESSAGING_DESTINATION = 'messaging.destination.name';
const MESSAGING_MESSAGE_ID = 'messaging.message.id';
const MESSAGING_CONVERSATION_ID = 'messaging.message.conversation_id';

/**
 * Spans around the bus: a client span per command or query sent (until its reply), a producer span
 * per event published (until confirmed), and a server or consumer span per message handled. The
 * envelope's `traceparent` links them: an outgoing message carries its own span's, and handling
 * continues it. While a handler runs, the message context carries the handler span's traceparent,
 * so what it sends and the database spans of its queries are its children.
 */
export class OtelMessageTracer implements MessageTracer {
  constructor(
    private readonly tracer: Tracer,
    private readonly service: string,
  ) {}

  traceOutgoing<T>(message: OutgoingMessage, send: (traceparent: string | undefined) => Promise<T>): Promise<T> {
    const isEvent = message.kind === 'event';
    const span = this.tracer.startSpan(
      `${isEvent ? 'publish' : 'send'} ${message.type}`,
      {
        kind: isEvent ? SpanKind.PRODUCER : SpanKind.CLIENT,
        attributes: {
          [MESSAGING_SYSTEM]: 'voxify-bus',
          [MESSAGING_OPERATION_TYPE]: isEvent ? 'publish' : 'send',
          [MESSAGING_DESTINATION]: message.type,
          'voxify.message.kind': message.kind,
          'voxify.service': this.service,
        },
      },
      contextFromTraceparent(message.traceparent),
    );
    return endWhenSettled(span, () => send(formatTraceparent(span.spanContext())));
  }

  traceHandling<T>(envelope: MessageEnvelope, handle: () => Promise<T>): Promise<T> {
    const parent = contextFromTraceparent(envelope.traceparent);
    const span = this.tracer.startSpan(
      `${envelope.kind === 'event' ? 'process' : 'handle'} ${envelope.type}`,
      {
        kind: envelope.kind === 'event' ? SpanKind.CONSUMER : SpanKind.SERVER,
        attributes: {
          [MESSAGING_SYSTEM]: 'voxify-bus',
          [MESSAGING_OPERATION_TYPE]: 'process',
          [MESSAGING_DESTINATION]: envelope.type,
          [MESSAGING_MESSAGE_ID]: envelope.id,
          [MESSAGING_CONVERSATION_ID]: envelope.correlationId,
          'voxify.message.kind': envelope.kind,
          'voxify.service': this.service,
        },
      },
      parent,
    );
    const scope = {
      ...(currentContext() ?? { correlationId: envelope.correlationId }),
      traceparent: formatTraceparent(span.spanContext()),
    };
    return endWhenSettled(span, () => context.with(trace.setSpan(parent, span), () => runWithContext(scope, handle)));
  }
}

import type { RequestDefinition } from '#contracts';
import { bindMessageHandler } from './message-handler-metadata.js';

/**
 * Marks a method as the handler of a command or query owned by this service:
 * `(payload, envelope) => Promise<result>`. MessagingModule registers it on the bus at bootstrap.
 */
export function HandleMessage<P, R>(definition: RequestDefinition<P, R>): MethodDecorator {
  return bindMessageHandler({ role: 'request', definition: definition as RequestDefinition<unknown, unknown> });
}

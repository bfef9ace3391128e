import type { EventDefinition } from '#contracts';
import { bindMessageHandler } from './message-handler-metadata.js';

/**
 * Subscribes a method to an event, or to a topic pattern such as `voice.sample.*` or `job.#`:
 * `(payload, envelope) => Promise<void>`. MessagingModule registers it on the bus at bootstrap.
 */
export function OnEvent<P>(eventOrPattern: EventDefinition<P> | string): MethodDecorator {
  return bindMessageHandler({ role: 'event', event: eventOrPattern as EventDefinition<unknown> | string });
}

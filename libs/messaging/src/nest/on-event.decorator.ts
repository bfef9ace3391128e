import type { EventDefinition } from '#contracts';
import type { SubscribeOptions } from '../port/message-bus.js';
import { bindMessageHandler } from './message-handler-metadata.js';

/**
 * Subscribes a method to an event, or to a topic pattern such as `voice.sample.*` or `job.#`:
 * `(payload, envelope) => Promise<void>`. MessagingModule registers it on the bus at bootstrap.
 * `{ scope: 'instance' }` delivers it to every instance of the service (see SubscriptionScope).
 */
export function OnEvent<P>(eventOrPattern: EventDefinition<P> | string, options?: SubscribeOptions): MethodDecorator {
  return bindMessageHandler({ role: 'event', event: eventOrPattern as EventDefinition<unknown> | string, options });
}

import type { MessageBus } from '../port/message-bus.js';
import type { BusOptions } from '../port/bus-options.js';

/**
 * What an adapter gives the contract suite: bus instances connected to one shared broker. The suite
 * calls `connect` before each test and `cleanup` after it.
 */
export interface MessageBusFactory {
  /** A new, not yet started bus consuming for `service`. */
  create(service: string, options?: Partial<Omit<BusOptions, 'service'>>): Promise<MessageBus>;
  /** Closes every bus it created and removes what they declared on the broker. */
  cleanup(): Promise<void>;
}

import type { FactoryProvider } from '@nestjs/common';
import type { MessageBus } from '../port/message-bus.js';

export type MessageBusFactoryFn = (...dependencies: never[]) => MessageBus | Promise<MessageBus>;

export interface MessagingModuleOptions {
  /** The bus instance, or a factory for it (whose dependencies are listed in `inject`). */
  bus: MessageBus | MessageBusFactoryFn;
  inject?: FactoryProvider['inject'];
  /** How long shutdown waits for in-flight handlers before closing the bus. */
  shutdownGraceMs?: number;
}

export const MESSAGING_MODULE_OPTIONS = Symbol('MESSAGING_MODULE_OPTIONS');

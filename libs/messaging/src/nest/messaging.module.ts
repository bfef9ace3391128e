import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MessageBus } from '../port/message-bus.js';
import { MessageHandlerExplorer } from './message-handler-explorer.js';
import { MESSAGING_MODULE_OPTIONS, type MessagingModuleOptions } from './messaging-module-options.js';

/**
 * Provides `MessageBus` (the abstract class is the injection token) to the whole app and wires the
 * @HandleMessage / @OnEvent methods to it.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const { bus } = options;
    const busProvider: Provider =
      typeof bus === 'function'
        ? {
            provide: MessageBus,
            useFactory: bus as (...dependencies: unknown[]) => MessageBus | Promise<MessageBus>,
            inject: options.inject ?? [],
          }
        : { provide: MessageBus, useValue: bus };
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [busProvider, { provide: MESSAGING_MODULE_OPTIONS, useValue: options }, MessageHandlerExplorer],
      exports: [MessageBus],
    };
  }
}

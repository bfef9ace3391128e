import { Module, type DynamicModule } from '@nestjs/common';
import { PLATFORM_CONFIG_OPTIONS, type PlatformConfigOptions } from './platform-config.options.js';
import { PlatformConfigProvider } from './platform-config.provider.js';

/**
 * Gives the whole app (global) a `PlatformConfigProvider`: inject it, read `current()`, and react
 * to `onChange`. Needs `MessageBus` from a global module (MessagingModule), which also wires its
 * change-event subscription.
 */
@Module({})
export class PlatformConfigModule {
  static forRoot(options: PlatformConfigOptions = {}): DynamicModule {
    return {
      module: PlatformConfigModule,
      global: true,
      providers: [{ provide: PLATFORM_CONFIG_OPTIONS, useValue: options }, PlatformConfigProvider],
      exports: [PlatformConfigProvider],
    };
  }
}

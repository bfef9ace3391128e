import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { GetPlatformConfigQuery, PlatformConfigChangedEvent, type PayloadOf } from '#contracts';
import { MessageBus, OnEvent } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { PlatformSettings } from '../../application/shared/platform-settings.js';
import { STORAGE_MODULE_OPTIONS, type StorageModuleOptions } from '../../storage-module-options.js';

/**
 * Keeps PlatformSettings current: asks identity for the config at start (retrying in the
 * background while it does not answer, the defaults applying meanwhile) and applies every change
 * event, on every instance, without a restart.
 */
@Injectable()
export class PlatformConfigSubscriber implements OnApplicationBootstrap, OnModuleDestroy {
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly settings: PlatformSettings,
    @Inject(STORAGE_MODULE_OPTIONS) private readonly options: StorageModuleOptions,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.load(1);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  @OnEvent(PlatformConfigChangedEvent, { scope: 'instance' })
  async onChanged(payload: PayloadOf<typeof PlatformConfigChangedEvent>): Promise<void> {
    if (this.settings.apply(payload.config)) this.logger.info({ version: payload.config.version }, 'platform config applied');
  }

  private async load(attempt: number): Promise<void> {
    try {
      const config = await this.bus.query(GetPlatformConfigQuery, {}, { timeoutMs: this.options.platformConfigTimeoutMs });
      if (this.settings.apply(config)) this.logger.info({ version: config.version }, 'platform config loaded');
    } catch (error) {
      if (this.stopped) return;
      const delayMs = Math.min(this.options.platformConfigRetryMs * attempt, 60_000);
      this.logger[attempt === 1 ? 'warn' : 'debug'](
        { reason: error instanceof Error ? error.message : String(error), retryInMs: delayMs },
        'platform config not available yet; using the defaults until it is',
      );
      this.retry = setTimeout(() => void this.load(attempt + 1), delayMs);
      this.retry.unref();
    }
  }
}

import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { ExpiredFilesSweeper } from '../../application/sweep-expired-files/expired-files.sweeper.js';
import { STORAGE_MODULE_OPTIONS, type StorageModuleOptions } from '../../storage-module-options.js';

/** Runs the sweeper every FILE_SWEEP_INTERVAL_MS, one sweep at a time; a stop waits for the sweep under way. */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly sweeper: ExpiredFilesSweeper,
    @Inject(STORAGE_MODULE_OPTIONS) private readonly options: StorageModuleOptions,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.options.sweepIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweeper
      .sweep()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'file sweep failed; the next one retries'))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}

import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppLifecycle } from '../health/app-lifecycle.js';
import { APP_LOGGER } from '../runtime.tokens.js';

/** First step of a graceful stop: readiness turns 503 so load balancers stop sending new work. */
@Injectable()
export class DrainOnShutdown implements BeforeApplicationShutdown {
  constructor(
    private readonly lifecycle: AppLifecycle,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    this.lifecycle.startDraining();
    this.logger.info({ signal }, 'draining: readiness is now 503, finishing in-flight work');
  }
}

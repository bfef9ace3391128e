import { Global, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { MessageBus } from '#messaging';
import { AppLifecycle } from './health/app-lifecycle.js';
import { HealthController } from './health/health.controller.js';
import { BrokerReadinessCheck, DatabaseReadinessCheck, type ReadinessCheck } from './health/readiness-check.js';
import { ServiceReadinessResponder } from './health/service-readiness.responder.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { APP_LOGGER, READINESS_CHECKS } from './runtime.tokens.js';
import { DrainOnShutdown } from './bootstrap/drain-on-shutdown.js';

export interface ServiceRuntimeOptions {
  lifecycle: AppLifecycle;
  logger: Logger;
  bus: MessageBus;
  /** Back-end services own a schema; the gateway has none. */
  dataSource?: DataSource;
  /** Checks beyond database and broker (e.g. the synthesis model). */
  extraReadinessChecks?: ReadinessCheck[];
  /** Serve `/health/live` and `/health/ready` (the gateway serves its own). */
  serveHealth?: boolean;
  /** Serve `/metrics` (off in the embedded mode's back-end apps: the gateway serves the process's registry). */
  serveMetrics?: boolean;
}

/**
 * What every app gets: its logger, lifecycle and readiness checks, the ops endpoints, the readiness
 * answer on the bus (back-end services), and draining on shutdown.
 */
@Global()
@Module({})
export class ServiceRuntimeModule {
  static forApp(options: ServiceRuntimeOptions): DynamicModule {
    const checks: ReadinessCheck[] = [
      ...(options.dataSource ? [new DatabaseReadinessCheck(options.dataSource)] : []),
      new BrokerReadinessCheck(options.bus),
      ...(options.extraReadinessChecks ?? []),
    ];
    const providers: Provider[] = [
      { provide: AppLifecycle, useValue: options.lifecycle },
      { provide: APP_LOGGER, useValue: options.logger },
      { provide: READINESS_CHECKS, useValue: checks },
      DrainOnShutdown,
    ];
    if (options.dataSource) providers.push({ provide: DataSource, useValue: options.dataSource }, ServiceReadinessResponder);
    const controllers: Type[] = [];
    if (options.serveHealth ?? true) controllers.push(HealthController);
    if (options.serveMetrics ?? true) controllers.push(MetricsController);
    return {
      module: ServiceRuntimeModule,
      providers,
      controllers,
      exports: [AppLifecycle, APP_LOGGER, READINESS_CHECKS, ...(options.dataSource ? [DataSource] : [])],
    };
  }
}

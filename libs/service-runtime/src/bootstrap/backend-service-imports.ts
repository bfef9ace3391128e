import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { MessagingModule, type MessageBus } from '#messaging';
import type { OutboxRelay } from '#persistence';
import type { AppLifecycle } from '../health/app-lifecycle.js';
import type { ReadinessCheck } from '../health/readiness-check.js';
import { ServiceRuntimeModule } from '../service-runtime.module.js';
import { OUTBOX_RELAY } from './outbox-relay.token.js';

/** Provides the service's OutboxRelay (OUTBOX_RELAY) to every module. */
@Global()
@Module({})
export class OutboxRelayModule {
  static forRelay(relay: OutboxRelay): DynamicModule {
    return { module: OutboxRelayModule, providers: [{ provide: OUTBOX_RELAY, useValue: relay }], exports: [OUTBOX_RELAY] };
  }
}

export interface BackendServiceImportsOptions {
  lifecycle: AppLifecycle;
  logger: Logger;
  bus: MessageBus;
  dataSource: DataSource;
  outboxRelay: OutboxRelay;
  extraReadinessChecks?: ReadinessCheck[];
  /** Serve `/health/*` and `/metrics` (a back-end app on its own); off when embedded or under test. */
  serveOps: boolean;
}

/**
 * What a bounded context's module needs around it: the runtime (logger, lifecycle, readiness, the
 * readiness answer on the bus), the bus with its handler discovery, and the outbox relay. The same
 * list in production (startBackendService) and in the contexts' own test apps.
 */
export function backendServiceImports(options: BackendServiceImportsOptions): DynamicModule[] {
  return [
    ServiceRuntimeModule.forApp({
      lifecycle: options.lifecycle,
      logger: options.logger,
      bus: options.bus,
      dataSource: options.dataSource,
      extraReadinessChecks: options.extraReadinessChecks,
      serveHealth: options.serveOps,
      serveMetrics: options.serveOps,
    }),
    MessagingModule.forRoot({ bus: options.bus }),
    OutboxRelayModule.forRelay(options.outboxRelay),
  ];
}

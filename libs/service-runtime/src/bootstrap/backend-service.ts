import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MixedList, DataSource } from 'typeorm';
import type { BackendServiceName } from '#contracts';
import type { BusOptions, MessageBus } from '#messaging';
import { createServiceDataSource, OutboxRelay, runServiceMigrations } from '#persistence';
import type { ServiceRuntimeConfig } from '../config/service-config.js';
import { AppLifecycle } from '../health/app-lifecycle.js';
import type { ReadinessCheck } from '../health/readiness-check.js';
import { createLogger, type Logger } from '../logging/create-logger.js';
import { NestPinoLogger } from '../logging/nest-pino-logger.js';
import { ensureDefaultMetrics } from '../metrics/metrics-registry.js';
import { trackOutboxLag } from '../metrics/outbox-lag.metrics.js';
import { PrometheusBusObserver } from '../metrics/prometheus-bus-observer.js';
import type { ProcessTracing } from '../tracing/process-tracing.js';
import { backendServiceImports } from './backend-service-imports.js';

// TypeORM accepts migration/entity classes as functions.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function>;

/** What a back-end app brings: its name, schema migrations and the bounded context's Nest module. */
export interface BackendServiceDefinition {
  service: BackendServiceName;
  contextModule: Type | DynamicModule;
  migrations: ClassList;
  entities: ClassList;
  extraReadinessChecks?: () => ReadinessCheck[];
}

/** Where it runs: the same definition runs on its own (real servers) or inside the embedded process. */
export interface ServiceInfrastructure {
  databaseUrl: string;
  createBus(options: BusOptions): Promise<MessageBus>;
  runtime: ServiceRuntimeConfig;
  /** Listen for ops HTTP (health, metrics) on this port; omit in the embedded mode. */
  http?: { host: string; port: number };
  /** The process's tracing (see ProcessTracing); no spans without it. */
  tracing?: ProcessTracing;
}

export interface RunningService {
  service: BackendServiceName;
  app: INestApplicationContext;
  bus: MessageBus;
  dataSource: DataSource;
  logger: Logger;
  /** Graceful stop: drain, stop consuming, flush the outbox, close the app, the bus and the database. */
  close(): Promise<void>;
}

export async function startBackendService(definition: BackendServiceDefinition, infra: ServiceInfrastructure): Promise<RunningService> {
  const { service } = definition;
  const { runtime } = infra;
  const logger = createLogger(service, runtime.logLevel);
  const lifecycle = new AppLifecycle(service);
  ensureDefaultMetrics();
  const tracing = infra.tracing?.forApp(service);

  const dataSource = createServiceDataSource({
    service,
    url: infra.databaseUrl,
    migrations: definition.migrations,
    entities: definition.entities,
    poolSize: runtime.databasePoolSize,
  });
  tracing?.traceQueries(dataSource);
  await dataSource.initialize();
  const applied = await runServiceMigrations(dataSource);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');

  const bus = await infra.createBus({
    service,
    prefetch: runtime.busPrefetch,
    defaultTimeoutMs: runtime.busRequestTimeoutMs,
    retryDelaysMs: runtime.busRetryDelaysMs,
    observer: new PrometheusBusObserver(service),
    tracer: tracing?.messages,
    logger,
  });
  const outboxRelay = new OutboxRelay(dataSource, bus, { pollIntervalMs: runtime.outboxPollIntervalMs, logger });
  const untrackOutboxLag = trackOutboxLag(service, outboxRelay);

  @Module({})
  class BackendServiceRootModule {}
  const root: DynamicModule = {
    module: BackendServiceRootModule,
    imports: [
      ...backendServiceImports({
        lifecycle,
        logger,
        bus,
        dataSource,
        outboxRelay,
        extraReadinessChecks: definition.extraReadinessChecks?.(),
        serveOps: infra.http !== undefined,
      }),
      definition.contextModule,
    ],
  };

  const nestLogger = new NestPinoLogger(logger);
  let app: INestApplicationContext;
  if (infra.http) {
    const httpApp = await NestFactory.create<NestFastifyApplication>(root, new FastifyAdapter(), { logger: nestLogger });
    await httpApp.listen(infra.http.port, infra.http.host);
    app = httpApp;
  } else {
    app = await NestFactory.createApplicationContext(root, { logger: nestLogger });
    await app.init();
  }
  outboxRelay.start();
  logger.info({ instanceId: lifecycle.instanceId, http: infra.http }, `${service} started`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      lifecycle.startDraining();
      await bus.stopConsuming(runtime.shutdownGraceMs);
      await outboxRelay.stop();
      untrackOutboxLag();
      await app.close();
      await dataSource.destroy();
      logger.info({}, `${service} stopped`);
    })());

  return { service, app, bus, dataSource, logger, close };
}

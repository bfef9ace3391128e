import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTBOX_RELAY } from '#service-runtime';
import { Clock, JobMetrics, JobsSettings, JobStore, JobWatchdog, jobsMessageHandlers, SystemClock } from './application/index.js';
import { PrometheusJobMetrics, TypeOrmJobStore, type OutboxNotifier } from './infrastructure/index.js';
import type { JobsModuleOptions } from './jobs-module-options.js';

/**
 * The jobs bounded context: the read model of every long-running job, built from the producing
 * services' lifecycle events; its queries and cancel command; and the heartbeat watchdog. Expects the
 * service runtime's DataSource (migrated with jobsMigrations, entities jobsEntities) and OUTBOX_RELAY.
 */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        { provide: JobsSettings, useValue: new JobsSettings(options.heartbeatTimeoutMs, options.maxAttempts, options.watchdogIntervalMs) },
        {
          provide: JobStore,
          useFactory: (dataSource: DataSource, relay: OutboxNotifier) => new TypeOrmJobStore(dataSource, relay),
          inject: [DataSource, OUTBOX_RELAY],
        },
        { provide: JobMetrics, useClass: PrometheusJobMetrics },
        { provide: Clock, useClass: SystemClock },
        JobWatchdog,
        ...jobsMessageHandlers,
      ],
      exports: [JobWatchdog],
    };
  }
}

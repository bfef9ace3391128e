import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { MessageBus } from '#messaging';
import { APP_LOGGER, AppLifecycle, OUTBOX_RELAY } from '#service-runtime';
import { JobCheckpointStore } from './job-checkpoint.store.js';
import { resolveJobRunnerOptions, type JobRunnerOptions } from './job-runner-options.js';
import { JobRunner } from './job-runner.js';

/** Wires the runner to the bus before it starts, then re-sends the run command of jobs left pending. */
@Injectable()
class JobRunnerBinding implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly runner: JobRunner,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.runner.attach();
  }

  onApplicationBootstrap(): void {
    this.runner
      .dispatchPending()
      .then((count) => {
        if (count > 0) this.logger.info({ count }, 'Dispatched jobs left pending');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not dispatch jobs left pending'));
  }
}

/**
 * Gives a service a JobRunner for its job types (issues #5/#6: voice training, async synthesis).
 * Needs the service runtime's DataSource (with `jobCheckpointsMigration` among the service's
 * migrations), OUTBOX_RELAY, AppLifecycle, APP_LOGGER and MessageBus. Register handlers with
 * `runner.register(type, handler)` in a provider's constructor or onModuleInit.
 */
@Module({})
export class JobWorkerModule {
  static forRoot(options: JobRunnerOptions): DynamicModule {
    return {
      module: JobWorkerModule,
      providers: [
        {
          provide: JobRunner,
          useFactory: (bus: MessageBus, dataSource: DataSource, relay: { notify(): void }, lifecycle: AppLifecycle, logger: Logger) =>
            new JobRunner(
              {
                bus,
                store: new JobCheckpointStore(dataSource, () => relay.notify()),
                logger,
                isDraining: () => lifecycle.isDraining,
                workerId: lifecycle.instanceId,
              },
              resolveJobRunnerOptions(options),
            ),
          inject: [MessageBus, DataSource, OUTBOX_RELAY, AppLifecycle, APP_LOGGER],
        },
        JobRunnerBinding,
      ],
      exports: [JobRunner],
    };
  }
}

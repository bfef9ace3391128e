import 'reflect-metadata';
import { z } from 'zod';
import type { BackendServiceName } from '#contracts';
import { jobCheckpointsMigration } from '#jobs';
import { RabbitMqMessageBus } from '#messaging';
import { serviceFoundationMigration } from '#persistence';
import { env, loadConfig, runtimeConfigFrom, runUntilSignal, serviceEnvShape, startBackendService } from '#service-runtime';
import { TestJobWorkerModule } from './job-worker.module.js';

/**
 * A stand-in for the services that own real job types (#5/#6): runs `test.countdown` jobs with the
 * JobRunner, as its own process on PostgreSQL (schema `test_worker`) and RabbitMQ. Used by test/jobs.
 */
const SERVICE = 'test-worker';

await runUntilSignal(SERVICE, async () => {
  const config = loadConfig(
    SERVICE,
    z.object({
      ...serviceEnvShape,
      DATABASE_URL: z.string().min(1),
      AMQP_URL: z.string().min(1),
      PORT: env.port(0),
      WORKER_HEARTBEAT_MS: env.positiveInt(200),
    }),
  );
  // Not one of the six services: the name only names its schema and queues.
  const service = SERVICE as BackendServiceName;
  return startBackendService(
    {
      service,
      contextModule: TestJobWorkerModule.forRoot({
        service: SERVICE,
        heartbeatIntervalMs: config.WORKER_HEARTBEAT_MS,
        progressThrottleMs: 20,
      }),
      migrations: [serviceFoundationMigration(SERVICE, 1765065600000), jobCheckpointsMigration(1765065600001)],
      entities: [],
    },
    {
      databaseUrl: config.DATABASE_URL,
      runtime: runtimeConfigFrom(config),
      http: { host: '127.0.0.1', port: config.PORT },
      createBus: (options) => RabbitMqMessageBus.connect({ ...options, url: config.AMQP_URL }),
    },
  );
});

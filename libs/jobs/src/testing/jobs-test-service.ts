import type { MessageEnvelope } from '#contracts';
import { InProcessBroker, InProcessMessageBus } from '#messaging';
import { startBackendService, type RunningService, type ServiceRuntimeConfig } from '#service-runtime';
import { createTestDatabase } from '#test-support';
import { JobsModule } from '../jobs.module.js';
import type { JobsModuleOptions } from '../jobs-module-options.js';
import { jobsEntities, jobsMigrations } from '../infrastructure/index.js';

export const TEST_RUNTIME: ServiceRuntimeConfig = {
  logLevel: 'warn',
  databasePoolSize: 4,
  busPrefetch: 50,
  busRequestTimeoutMs: 2000,
  busRetryDelaysMs: [50],
  outboxPollIntervalMs: 100,
  shutdownGraceMs: 500,
};

export interface JobsTestService {
  service: RunningService;
  broker: InProcessBroker;
  /** Another service on the same broker: publishes job events as a producer would, sees every job event. */
  caller: InProcessMessageBus;
  events: MessageEnvelope[];
  close(): Promise<void>;
}

/** The jobs service as the runtime composes it, on a database of its own and an in-process broker. */
export async function startJobsTestService(
  options: JobsModuleOptions,
  registerCaller: (caller: InProcessMessageBus) => void = () => undefined,
): Promise<JobsTestService> {
  const database = await createTestDatabase('jobs_test');
  const broker = new InProcessBroker();
  const service = await startBackendService(
    { service: 'jobs', contextModule: JobsModule.forRoot(options), migrations: jobsMigrations, entities: jobsEntities },
    {
      databaseUrl: database.url,
      runtime: TEST_RUNTIME,
      createBus: async (busOptions) => new InProcessMessageBus(broker, busOptions),
    },
  );
  const caller = new InProcessMessageBus(broker, { service: 'fake-producer', defaultTimeoutMs: 2000 });
  const events: MessageEnvelope[] = [];
  caller.subscribe('job.#', async (_payload, envelope) => {
    events.push(envelope);
  });
  registerCaller(caller);
  await caller.start();
  return {
    service,
    broker,
    caller,
    events,
    async close() {
      await caller.close();
      await service.close();
      broker.close();
      await database.drop();
    },
  };
}

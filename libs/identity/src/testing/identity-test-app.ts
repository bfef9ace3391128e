import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import type { EventDefinition, MessageEnvelope } from '#contracts';
import { InProcessBroker, InProcessMessageBus } from '#messaging';
import { createServiceDataSource, OutboxRelay, runServiceMigrations } from '#persistence';
import { AppLifecycle, backendServiceImports, createLogger, NestPinoLogger } from '#service-runtime';
import { createTestDatabase } from '#test-support';
import { Clock } from '../application/ports/clock.js';
import { IdentityModule } from '../identity.module.js';
import type { IdentityModuleOptions } from '../identity-module-options.js';
import { identityEntities } from '../infrastructure/persistence/identity-entities.js';
import { identityMigrations } from '../infrastructure/migrations/index.js';
import { CapturedLog } from './captured-log.js';
import { SettableClock } from './settable-clock.js';

export const TEST_ACCESS_TOKENS = { secret: 'test-secret-'.repeat(4), issuer: 'voxify', audience: 'voxify-api', ttlSeconds: 900 };

export interface IdentityTestApp {
  /** A caller on the same in-process broker: sends identity commands, sees identity events. */
  caller: InProcessMessageBus;
  /** Every identity event published so far, in order. */
  events: MessageEnvelope[];
  eventsOf<P>(definition: EventDefinition<P>): P[];
  clock: SettableClock;
  log: CapturedLog;
  dataSource: DataSource;
  databaseUrl: string;
  /** The Nest module, for reaching a repository directly. */
  moduleRef: TestingModule;
  close(): Promise<void>;
}

/**
 * The identity module as the service runtime composes it (data source on its own database,
 * migrations, outbox relay, in-process bus), with the logger writing to a captured stream and a
 * clock the test can move. Each call creates a database of its own; close() drops it.
 */
export async function startIdentityTestApp(
  options: Partial<IdentityModuleOptions> = {},
  existingDatabaseUrl?: string,
): Promise<IdentityTestApp> {
  const database = existingDatabaseUrl ? undefined : await createTestDatabase('identity_test');
  const databaseUrl = existingDatabaseUrl ?? database!.url;
  const log = new CapturedLog();
  const logger = createLogger('identity', 'trace', log.stream);
  const dataSource = createServiceDataSource({
    service: 'identity',
    url: databaseUrl,
    migrations: identityMigrations,
    entities: identityEntities,
    poolSize: 4,
  });
  await runServiceMigrations(dataSource);

  const broker = new InProcessBroker();
  const bus = new InProcessMessageBus(broker, { service: 'identity', logger, retryDelaysMs: [] });
  const caller = new InProcessMessageBus(broker, { service: 'identity-test-caller' });
  const events: MessageEnvelope[] = [];
  caller.subscribe('identity.#', async (_payload, envelope) => {
    events.push(envelope);
  });
  await caller.start();
  const relay = new OutboxRelay(dataSource, bus, { pollIntervalMs: 50, logger });
  const clock = new SettableClock();

  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [
      ...backendServiceImports({ lifecycle: new AppLifecycle('identity'), logger, bus, dataSource, outboxRelay: relay, serveOps: false }),
      IdentityModule.forRoot({ accessTokens: TEST_ACCESS_TOKENS, refreshTokenTtlSeconds: 3600, ...options }),
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  moduleRef.useLogger(new NestPinoLogger(logger));
  await moduleRef.init();
  relay.start();

  return {
    caller,
    events,
    eventsOf: <P>(definition: EventDefinition<P>) =>
      events.filter((event) => event.type === definition.type).map((event) => event.payload as P),
    clock,
    log,
    dataSource,
    databaseUrl,
    moduleRef,
    async close() {
      await relay.stop();
      await moduleRef.close();
      await caller.close();
      broker.close();
      await dataSource.destroy();
      await database?.drop();
    },
  };
}

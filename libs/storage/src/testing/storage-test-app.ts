import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import type { EventDefinition, MessageEnvelope } from '#contracts';
import { InProcessBroker, InProcessMessageBus } from '#messaging';
import { createServiceDataSource, OutboxRelay, runServiceMigrations } from '#persistence';
import { AppLifecycle, backendServiceImports, createLogger, NestPinoLogger } from '#service-runtime';
import { createTestDatabase } from '#test-support';
import { Clock } from '../application/ports/clock.js';
import { ExpiredFilesSweeper } from '../application/sweep-expired-files/expired-files.sweeper.js';
import { BlobStore } from '../blob-store/blob-store.js';
import { storageMigrations } from '../infrastructure/migrations/index.js';
import { StorageModule } from '../storage.module.js';
import { SettableClock } from './settable-clock.js';

export interface StorageTestApp {
  /** A caller on the same in-process broker: sends storage commands, sees storage events, may publish as identity. */
  caller: InProcessMessageBus;
  events: MessageEnvelope[];
  eventsOf<P>(definition: EventDefinition<P>): P[];
  clock: SettableClock;
  blobs: BlobStore;
  sweeper: ExpiredFilesSweeper;
  dataSource: DataSource;
  filesDir: string;
  databaseUrl: string;
  /** A second storage instance on the same database, bus and files (competing consumers, a second sweeper). */
  startAnotherInstance(): Promise<{ sweeper: ExpiredFilesSweeper; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The storage module as the service runtime composes it, on a database of its own, the in-process
 * bus and a local blob store in a temporary directory, with a clock the test moves. The sweeper's
 * own timer is far in the future: tests call `sweeper.sweep()`.
 */
export async function startStorageTestApp(): Promise<StorageTestApp> {
  const database = await createTestDatabase('storage_test');
  const filesDir = await mkdtemp(join(tmpdir(), 'voxify-storage-test-'));
  const broker = new InProcessBroker();
  const caller = new InProcessMessageBus(broker, { service: 'storage-test-caller' });
  const events: MessageEnvelope[] = [];
  caller.subscribe('storage.#', async (_payload, envelope) => {
    events.push(envelope);
  });
  await caller.start();
  const clock = new SettableClock();

  async function startInstance() {
    const logger = createLogger('storage', 'warn');
    const dataSource = createServiceDataSource({ service: 'storage', url: database.url, migrations: storageMigrations, poolSize: 4 });
    await runServiceMigrations(dataSource);
    const bus = new InProcessMessageBus(broker, { service: 'storage', logger, retryDelaysMs: [] });
    const relay = new OutboxRelay(dataSource, bus, { pollIntervalMs: 50, logger });

    const moduleRef: TestingModule = await Test.createTestingModule({
      imports: [
        ...backendServiceImports({ lifecycle: new AppLifecycle('storage'), logger, bus, dataSource, outboxRelay: relay, serveOps: false }),
        StorageModule.forRoot({
          blobStore: { kind: 'local', directory: filesDir },
          sweepIntervalMs: 3_600_000,
          platformConfigTimeoutMs: 200,
          platformConfigRetryMs: 200,
        }),
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    moduleRef.useLogger(new NestPinoLogger(logger));
    await moduleRef.init();
    relay.start();
    return {
      moduleRef,
      dataSource,
      async close() {
        await relay.stop();
        await moduleRef.close();
        await dataSource.destroy();
      },
    };
  }

  const first = await startInstance();
  const others: Array<{ close(): Promise<void> }> = [];
  return {
    caller,
    events,
    eventsOf: <P>(definition: EventDefinition<P>) =>
      events.filter((event) => event.type === definition.type).map((event) => event.payload as P),
    clock,
    blobs: first.moduleRef.get(BlobStore),
    sweeper: first.moduleRef.get(ExpiredFilesSweeper),
    dataSource: first.dataSource,
    filesDir,
    databaseUrl: database.url,
    async startAnotherInstance() {
      const instance = await startInstance();
      others.push(instance);
      return { sweeper: instance.moduleRef.get(ExpiredFilesSweeper), close: () => instance.close() };
    },
    async close() {
      for (const other of others) await other.close();
      await first.close();
      await caller.close();
      broker.close();
      await database.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import type { BackendServiceName, EventDefinition, MessageEnvelope } from '#contracts';
import { InProcessBroker, InProcessMessageBus } from '#messaging';
import { createServiceDataSource, OutboxRelay, runServiceMigrations, type MigrationClass } from '#persistence';
import { AppLifecycle, backendServiceImports, createLogger, NestPinoLogger } from '#service-runtime';
import { BlobStore, LocalFileBlobStore, StorageModule, storageMigrations } from '#storage';
import { createTestDatabase } from '#test-support';
import { voiceMigrations } from '../infrastructure/migrations/index.js';
import { VoiceModule } from '../voice.module.js';

export interface VoiceSampleTestApp {
  /** A caller on the same in-process broker (as the gateway would be): sends voice commands, sees every event. */
  caller: InProcessMessageBus;
  eventsOf<P>(definition: EventDefinition<P>): P[];
  /** The blob store the gateway would write uploads to. */
  blobs: BlobStore;
  voiceData: DataSource;
  storageData: DataSource;
  close(): Promise<void>;
}

/**
 * The voice module (with the storage module beside it, as the platform runs them) on a database of
 * its own, the in-process bus and a local blob store in a temporary folder. Limits are small so
 * tests stay fast.
 */
export async function startVoiceSampleTestApp(): Promise<VoiceSampleTestApp> {
  const database = await createTestDatabase('voice_samples_test');
  const filesDir = await mkdtemp(join(tmpdir(), 'voxify-voice-test-'));
  const broker = new InProcessBroker();
  const caller = new InProcessMessageBus(broker, { service: 'api-gateway', defaultTimeoutMs: 20_000 });
  const events: MessageEnvelope[] = [];
  caller.subscribe('#', async (_payload, envelope) => {
    events.push(envelope);
  });
  await caller.start();
  const blobStore = { kind: 'local' as const, directory: filesDir };

  async function start(service: BackendServiceName, migrations: readonly MigrationClass[], module: DynamicModule) {
    const logger = createLogger(service, 'warn');
    const dataSource = createServiceDataSource({ service, url: database.url, migrations, poolSize: 4 });
    await runServiceMigrations(dataSource);
    const bus = new InProcessMessageBus(broker, { service, logger, retryDelaysMs: [], defaultTimeoutMs: 20_000 });
    const relay = new OutboxRelay(dataSource, bus, { pollIntervalMs: 50, logger });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...backendServiceImports({ lifecycle: new AppLifecycle(service), logger, bus, dataSource, outboxRelay: relay, serveOps: false }),
        module,
      ],
    }).compile();
    moduleRef.useLogger(new NestPinoLogger(logger));
    await moduleRef.init();
    relay.start();
    return {
      dataSource,
      async close() {
        await relay.stop();
        await moduleRef.close();
        await bus.close();
        await dataSource.destroy();
      },
    };
  }

  const storage = await start(
    'storage',
    storageMigrations,
    StorageModule.forRoot({ blobStore, sweepIntervalMs: 3_600_000, platformConfigTimeoutMs: 200, platformConfigRetryMs: 200 }),
  );
  const voice = await start(
    'voice',
    voiceMigrations,
    VoiceModule.forRoot({
      blobStore,
      samples: { minSeconds: 1, maxSeconds: 30, decodeTimeoutMs: 10_000, trainingSampleRate: 16_000, audioThreads: 1 },
    }),
  );
  const blobs = new LocalFileBlobStore(filesDir);
  return {
    caller,
    eventsOf: <P>(definition: EventDefinition<P>) =>
      events.filter((event) => event.type === definition.type).map((event) => event.payload as P),
    blobs,
    voiceData: voice.dataSource,
    storageData: storage.dataSource,
    async close() {
      await voice.close();
      await storage.close();
      await blobs.close();
      await caller.close();
      broker.close();
      await database.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEvent } from '#contracts';
import { createEnvelope, InProcessBroker, InProcessMessageBus } from '#messaging';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { createServiceDataSource } from '../data-source/create-service-data-source.js';
import { latestMigration, runServiceMigrations } from '../migrations/run-service-migrations.js';
import { IdempotentConsumer } from '../idempotency/idempotent-consumer.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import { notesTable, testMigrations } from '../testing/test-database.js';
import { waitUntil } from '../testing/wait-until.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './start-embedded-postgres.js';

// PGlite boots a WASM PostgreSQL: a few seconds per start.
const PGLITE_TEST_TIMEOUT_MS = 60_000;

describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  let running: EmbeddedPostgres | undefined;
  const clients: pg.Client[] = [];

  const connect = async (url: string): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };
  const disconnectAll = async () => {
    await Promise.all(clients.splice(0).map((client) => client.end()));
  };

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'voxify-pglite-')), 'data', 'pg');
  });

  afterEach(async () => {
    await disconnectAll();
    await running?.stop();
    running = undefined;
    await rm(join(dataDir, '..', '..'), { recursive: true, force: true });
  }, PGLITE_TEST_TIMEOUT_MS);

  it(
    'keeps what was committed across a stop and a restart on the same data directory',
    async () => {
      running = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
      const writer = await connect(running.url);
      await writer.query(`CREATE SCHEMA voice`);
      await writer.query(`CREATE TABLE voice.samples (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), name text)`);
      await writer.query(`INSERT INTO voice.samples (name) VALUES ('kept')`);
      await disconnectAll();
      await running.stop();

      running = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
      const reader = await connect(running.url);
      const { rows } = await reader.query<{ name: string }>(`SELECT name FROM voice.samples`);

      expect(rows).toEqual([{ name: 'kept' }]);
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'keeps the committed row when a concurrent transaction rolls back',
    async () => {
      running = await startEmbeddedPostgres({ maxConnections: 3 });
      const setup = await connect(running.url);
      await setup.query(`CREATE TABLE items (id int PRIMARY KEY)`);
      const [committing, rollingBack] = await Promise.all([connect(running.url), connect(running.url)]);

      await Promise.all([
        (async () => {
          await committing.query('BEGIN');
          await committing.query('INSERT INTO items VALUES (1)');
          await new Promise((resolve) => setTimeout(resolve, 50));
          await committing.query('COMMIT');
        })(),
        (async () => {
          await rollingBack.query('BEGIN');
          await rollingBack.query('INSERT INTO items VALUES (2)');
          await rollingBack.query('ROLLBACK');
        })(),
      ]);

      const { rows } = await setup.query<{ id: number }>(`SELECT id FROM items ORDER BY id`);
      expect(rows).toEqual([{ id: 1 }]);
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'runs a service’s migrations and an idempotent consumer through the ordinary driver',
    async () => {
      running = await startEmbeddedPostgres({ dataDir, maxConnections: 4 });
      const dataSource = createServiceDataSource({
        service: 'voice',
        url: running.url,
        migrations: testMigrations('voice'),
        poolSize: 4,
      });
      try {
        await expect(runServiceMigrations(dataSource)).resolves.toHaveLength(2);
        await expect(latestMigration(dataSource)).resolves.toBe('Notes1700000000001');

        const consumer = new IdempotentConsumer(dataSource, 'voice.on-note');
        const effect = async (manager: EntityManager) => {
          await manager.query(`INSERT INTO ${notesTable(dataSource)} (id, body) VALUES ('n1', 'x')`);
        };
        await expect(consumer.run('m1', effect)).resolves.toBe(true);
        await expect(consumer.run('m1', effect)).resolves.toBe(false);
      } finally {
        await dataSource.destroy();
      }
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'carries outbox events to an in-process subscriber, as in the embedded mode',
    async () => {
      running = await startEmbeddedPostgres({ dataDir, maxConnections: 8 });
      const embeddedUrl = running.url;
      const open = async (service: string) => {
        const dataSource = createServiceDataSource({ service, url: embeddedUrl, migrations: testMigrations(service), poolSize: 4 });
        await runServiceMigrations(dataSource);
        return dataSource;
      };
      const [voiceDb, jobsDb] = await Promise.all([open('voice'), open('jobs')]);
      const broker = new InProcessBroker();
      const voiceBus = new InProcessMessageBus(broker, { service: 'voice' });
      const jobsBus = new InProcessMessageBus(broker, { service: 'jobs' });
      const sampleUploaded = defineEvent<{ sampleId: string }>('voice', 'voice.sample.uploaded');
      const consumer = new IdempotentConsumer(jobsDb, 'jobs.on-sample-uploaded');
      jobsBus.subscribe(sampleUploaded, async (payload, envelope) => {
        await consumer.run(envelope.id, async (manager) => {
          await manager.query(`INSERT INTO ${notesTable(jobsDb)} (id, body) VALUES ($1, 'job queued')`, [payload.sampleId]);
        });
      });
      await Promise.all([voiceBus.start(), jobsBus.start()]);
      const relay = new OutboxRelay(voiceDb, voiceBus, { pollIntervalMs: 1000 });
      relay.start();
      try {
        await voiceDb.transaction(async (manager) => {
          await manager.query(`INSERT INTO ${notesTable(voiceDb)} (id, body) VALUES ('s1', 'sample')`);
          await new OutboxWriter(voiceDb).add(manager, [createEnvelope(sampleUploaded, { sampleId: 's1' })]);
        });
        relay.notify();

        await waitUntil(async () => {
          const rows = (await jobsDb.query(`SELECT id FROM ${notesTable(jobsDb)}`)) as { id: string }[];
          return rows.length === 1;
        }, 'the jobs service handled the event');
        await expect(relay.lag()).resolves.toEqual({ count: 0, oldestAgeMs: null });
      } finally {
        await relay.stop();
        await Promise.all([voiceBus.close(), jobsBus.close()]);
        await Promise.all([voiceDb.destroy(), jobsDb.destroy()]);
      }
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'gives every connection its own answers while transactions and parameterised queries run at once',
    async () => {
      running = await startEmbeddedPostgres({ maxConnections: 10 });
      const pool = new pg.Pool({ connectionString: running.url, max: 8 });
      try {
        await pool.query('CREATE TABLE owned (id int PRIMARY KEY, worker int NOT NULL)');
        const problems: string[] = [];
        let nextId = 0;
        await Promise.all(
          Array.from({ length: 8 }, async (_, worker) => {
            for (let i = 0; i < 30; i++) {
              if (worker % 2 === 0) {
                const client = await pool.connect();
                try {
                  await client.query('BEGIN');
                  const id = ++nextId;
                  await client.query(`INSERT INTO owned VALUES ($1, ${worker})`, [id]);
                  const { rows } = await client.query<{ worker: number }>(`SELECT worker FROM owned WHERE id = $1`, [id]);
                  if (rows[0]?.worker !== worker) problems.push(`transaction of worker ${worker} read ${JSON.stringify(rows)}`);
                  await client.query('COMMIT');
                } finally {
                  client.release();
                }
              } else {
                // Parameters use the extended protocol; the statement text is the worker's own.
                const { rows } = await pool.query<{ n: number; worker: number }>(`SELECT $1::int AS n, ${worker} AS worker`, [i]);
                if (rows[0]?.n !== i || rows[0]?.worker !== worker) problems.push(`worker ${worker} got ${JSON.stringify(rows)}`);
              }
            }
          }),
        );
        expect(problems).toEqual([]);
        expect((await pool.query('SELECT count(*)::int AS n FROM owned')).rows[0]).toEqual({ n: 120 });
      } finally {
        await pool.end();
      }
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'rolls back the open transaction of a client that disconnects, and serves the others on',
    async () => {
      running = await startEmbeddedPostgres({ maxConnections: 4 });
      const setup = await connect(running.url);
      await setup.query('CREATE TABLE kept (v text)');
      const leaving = new pg.Client({ connectionString: running.url });
      await leaving.connect();
      await leaving.query('BEGIN');
      await leaving.query(`INSERT INTO kept VALUES ('never committed')`);
      await leaving.end();
      await setup.query(`INSERT INTO kept VALUES ('committed')`);
      expect((await setup.query('SELECT v FROM kept')).rows).toEqual([{ v: 'committed' }]);
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it('can be stopped twice', async () => {
    running = await startEmbeddedPostgres({ maxConnections: 1 });

    await running.stop();
    await expect(running.stop()).resolves.toBeUndefined();
  });
});

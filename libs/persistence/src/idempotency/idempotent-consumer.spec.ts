import type { DataSource, EntityManager } from 'typeorm';
import { schemaOf } from '../data-source/service-schema.js';
import { cleanUp, migratedTestDataSource, notesTable } from '../testing/test-database.js';
import { IdempotentConsumer } from './idempotent-consumer.js';

describe('IdempotentConsumer (real PostgreSQL)', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await migratedTestDataSource();
  });

  afterEach(async () => {
    await cleanUp([dataSource]);
  });

  const writeNote = (id: string) => async (manager: EntityManager) => {
    await manager.query(`INSERT INTO ${notesTable(dataSource)} (id, body) VALUES ($1, 'effect')`, [id]);
  };
  const noteCount = async (): Promise<number> => {
    const [row] = (await dataSource.query(`SELECT count(*)::int AS count FROM ${notesTable(dataSource)}`)) as { count: number }[];
    return row?.count ?? 0;
  };
  const markers = async (): Promise<{ consumer: string; message_id: string }[]> =>
    (await dataSource.query(`SELECT consumer, message_id FROM "${schemaOf(dataSource)}".processed_messages ORDER BY consumer`)) as {
      consumer: string;
      message_id: string;
    }[];

  it('runs the effect of a message once and skips its redelivery', async () => {
    const consumer = new IdempotentConsumer(dataSource, 'notes.on-created');
    let runs = 0;
    const effect = async (manager: EntityManager) => {
      runs++;
      await writeNote(`note-${runs}`)(manager);
    };

    await expect(consumer.run('message-1', effect)).resolves.toBe(true);
    await expect(consumer.run('message-1', effect)).resolves.toBe(false);

    expect(runs).toBe(1);
    expect(await noteCount()).toBe(1);
    expect(await markers()).toEqual([{ consumer: 'notes.on-created', message_id: 'message-1' }]);
  });

  it('keeps one marker per consumer, so two consumers of one message both run', async () => {
    await new IdempotentConsumer(dataSource, 'a').run('message-1', writeNote('from-a'));
    await new IdempotentConsumer(dataSource, 'b').run('message-1', writeNote('from-b'));

    expect(await noteCount()).toBe(2);
  });

  it('commits exactly one effect when the same message is delivered twice at once', async () => {
    const consumer = new IdempotentConsumer(dataSource, 'notes.on-created');
    let started = 0;
    const slowEffect = async (manager: EntityManager) => {
      started++;
      await manager.query(`SELECT pg_sleep(0.1)`);
      await writeNote(`note-${started}`)(manager);
    };

    const outcomes = await Promise.all([consumer.run('message-1', slowEffect), consumer.run('message-1', slowEffect)]);

    expect(outcomes.sort()).toEqual([false, true]);
    expect(started).toBe(1);
    expect(await noteCount()).toBe(1);
  });

  it('rolls back the marker with an effect that throws, so a redelivery runs it again', async () => {
    const consumer = new IdempotentConsumer(dataSource, 'notes.on-created');
    const failing = async (manager: EntityManager) => {
      await writeNote('half-done')(manager);
      throw new Error('downstream failed');
    };

    await expect(consumer.run('message-1', failing)).rejects.toThrow('downstream failed');
    expect(await markers()).toEqual([]);
    expect(await noteCount()).toBe(0);

    await expect(consumer.run('message-1', writeNote('done'))).resolves.toBe(true);
    expect(await noteCount()).toBe(1);
  });

  it('lets the waiting delivery run when the first concurrent one fails', async () => {
    const consumer = new IdempotentConsumer(dataSource, 'notes.on-created');
    const failsSlowly = async (manager: EntityManager) => {
      await manager.query(`SELECT pg_sleep(0.1)`);
      throw new Error('first delivery failed');
    };

    const first = consumer.run('message-1', failsSlowly);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = consumer.run('message-1', writeNote('second'));

    await expect(first).rejects.toThrow('first delivery failed');
    await expect(second).resolves.toBe(true);
    expect(await noteCount()).toBe(1);
  });
});

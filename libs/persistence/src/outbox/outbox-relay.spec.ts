import type { MessageEnvelope } from '#contracts';
import { BrokerUnavailableError, createEnvelope, type BusLogger } from '#messaging';
import type { DataSource } from 'typeorm';
import { schemaOf } from '../data-source/service-schema.js';
import { RecordingMessageBus } from '../testing/recording-message-bus.js';
import { cleanUp, migratedTestDataSource, notesTable } from '../testing/test-database.js';
import { waitUntil } from '../testing/wait-until.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import { OutboxWriter } from './outbox-writer.js';

interface OutboxRow {
  id: string;
  published_at: Date | null;
  attempts: number;
  last_error: string | null;
}

describe('OutboxRelay (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let bus: RecordingMessageBus;
  const opened: DataSource[] = [];
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    dataSource = await migratedTestDataSource();
    opened.push(dataSource);
    bus = new RecordingMessageBus();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await cleanUp(opened.splice(0));
  });

  const relayOn = (source: DataSource, options: Partial<OutboxRelayOptions> = {}, onBus = bus): OutboxRelay => {
    const relay = new OutboxRelay(source, onBus, { pollIntervalMs: 60_000, batchSize: 10, ...options });
    relays.push(relay);
    return relay;
  };
  const noteCreated = (id: string) => createEnvelope({ kind: 'event', type: 'notes.note.created', version: 1 }, { id });
  /** A state change and its events, committed together. */
  const createNotes = async (...ids: string[]): Promise<MessageEnvelope[]> => {
    const envelopes = ids.map(noteCreated);
    await dataSource.transaction(async (manager) => {
      for (const id of ids) await manager.query(`INSERT INTO ${notesTable(dataSource)} (id, body) VALUES ($1, 'x')`, [id]);
      await new OutboxWriter(dataSource).add(manager, envelopes);
    });
    return envelopes;
  };
  const outboxRows = async (): Promise<OutboxRow[]> =>
    (await dataSource.query(
      `SELECT id, published_at, attempts, last_error FROM "${schemaOf(dataSource)}".outbox ORDER BY created_at, position`,
    )) as OutboxRow[];
  const publishedIds = () => bus.published.map((envelope) => envelope.id);

  it('never publishes an event whose transaction rolled back', async () => {
    const envelope = noteCreated('n1');
    await expect(
      dataSource.transaction(async (manager) => {
        await new OutboxWriter(dataSource).add(manager, [envelope]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    await expect(relayOn(dataSource).flush()).resolves.toBe(0);

    expect(bus.published).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it('publishes a committed event once, as written, and marks it published', async () => {
    const [envelope] = await createNotes('n1');
    const relay = relayOn(dataSource);

    await expect(relay.flush()).resolves.toBe(1);
    await expect(relay.flush()).resolves.toBe(0);

    expect(bus.published).toEqual([envelope]);
    const [row] = await outboxRows();
    expect(row?.published_at).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
  });

  it('publishes in the order written, in batches of batchSize', async () => {
    const first = await createNotes('n1', 'n2', 'n3');
    const second = await createNotes('n4', 'n5');

    await expect(relayOn(dataSource, { batchSize: 2 }).flush()).resolves.toBe(5);

    expect(publishedIds()).toEqual([...first, ...second].map((envelope) => envelope.id));
    expect(bus.calls).toBe(3);
  });

  it('keeps events while the broker is unreachable, records the failure, and publishes them later', async () => {
    const [envelope] = await createNotes('n1');
    const relay = relayOn(dataSource);
    bus.reachable = false;

    await expect(relay.flush()).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(relay.flush()).rejects.toBeInstanceOf(BrokerUnavailableError);

    expect(await outboxRows()).toEqual([
      { id: envelope?.id, published_at: null, attempts: 2, last_error: 'The message broker is not reachable' },
    ]);
    expect((await relay.lag()).count).toBe(1);

    bus.reachable = true;
    await expect(relay.flush()).resolves.toBe(1);
    expect(publishedIds()).toEqual([envelope?.id]);
    expect(await outboxRows()).toMatchObject([{ attempts: 3, last_error: null }]);
  });

  it('treats a publish the broker never confirms as failed, so the rows are not held', async () => {
    await createNotes('n1');
    bus.confirmDelayMs = 300;

    await expect(relayOn(dataSource, { publishTimeoutMs: 50 }).flush()).rejects.toThrow(/did not confirm/);

    expect(await outboxRows()).toMatchObject([{ published_at: null, attempts: 1 }]);
  });

  it('never publishes a row twice when two relays of the service flush at once', async () => {
    const ids = Array.from({ length: 30 }, (_, index) => `n${index}`);
    const written = await createNotes(...ids);
    const secondInstance = await migratedTestDataSource(schemaOf(dataSource));
    opened.push(secondInstance);
    bus.confirmDelayMs = 20;

    const [byFirst, bySecond] = await Promise.all([
      relayOn(dataSource, { batchSize: 5 }).flush(),
      relayOn(secondInstance, { batchSize: 5 }).flush(),
    ]);

    expect(byFirst + bySecond).toBe(30);
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
    expect(publishedIds().sort()).toEqual(written.map((envelope) => envelope.id).sort());
  });

  it('publishes right after notify() instead of waiting for the next poll', async () => {
    const [first] = await createNotes('n1');
    const relay = relayOn(dataSource, { pollIntervalMs: 60_000 });
    relay.start();
    await waitUntil(() => bus.published.length === 1, 'the first poll published what was there');

    const [second] = await createNotes('n2');
    relay.notify();

    await waitUntil(() => bus.published.length === 2, 'the notified event was published', 2000);
    expect(publishedIds()).toEqual([first?.id, second?.id]);
  });

  it('keeps polling through a broker outage, logging it once, and publishes when the broker is back', async () => {
    const logged: { level: string; msg: string }[] = [];
    const logger: BusLogger = {
      info: (_obj, msg) => logged.push({ level: 'info', msg }),
      warn: (_obj, msg) => logged.push({ level: 'warn', msg }),
      error: (_obj, msg) => logged.push({ level: 'error', msg }),
    };
    bus.reachable = false;
    const relay = relayOn(dataSource, { pollIntervalMs: 20, logger });
    relay.start();
    const [envelope] = await createNotes('n1');

    await waitUntil(async () => ((await outboxRows())[0]?.attempts ?? 0) >= 3, 'three polls failed');
    bus.reachable = true;
    await waitUntil(() => bus.published.length === 1, 'the event was published');
    await relay.stop();

    expect(publishedIds()).toEqual([envelope?.id]);
    expect(logged.map((line) => line.level)).toEqual(['warn', 'info']);
  });

  it('reports how many events wait and the age of the oldest', async () => {
    const relay = relayOn(dataSource);
    await expect(relay.lag()).resolves.toEqual({ count: 0, oldestAgeMs: null });

    await createNotes('n1', 'n2');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const lag = await relay.lag();

    expect(lag.count).toBe(2);
    expect(lag.oldestAgeMs).toBeGreaterThanOrEqual(50);
  });

  it('deletes published rows older than the retention, and nothing else', async () => {
    const [old, recent] = await createNotes('n1', 'n2');
    const relay = relayOn(dataSource);
    await relay.flush();
    await createNotes('n3');
    await dataSource.query(`UPDATE "${schemaOf(dataSource)}".outbox SET published_at = now() - interval '8 days' WHERE id = $1`, [old?.id]);

    await expect(relay.purgePublished(7)).resolves.toBe(1);

    const remaining = await outboxRows();
    expect(remaining.map((row) => row.id)).toEqual([recent?.id, expect.any(String)]);
    expect(remaining[1]?.published_at).toBeNull();
  });

  it('deletes old published rows on its own when given a retention', async () => {
    await createNotes('n1');
    await relayOn(dataSource).flush();
    await dataSource.query(`UPDATE "${schemaOf(dataSource)}".outbox SET published_at = now() - interval '31 days'`);

    relayOn(dataSource, { publishedRetentionDays: 30 }).start();

    await waitUntil(async () => (await outboxRows()).length === 0, 'the old row was deleted');
  });
});

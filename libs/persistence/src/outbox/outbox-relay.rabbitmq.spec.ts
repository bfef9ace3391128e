import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { defineEvent, type MessageEnvelope } from '#contracts';
import { createEnvelope, deadLetterQueueName, queueName, RabbitMqMessageBus, retryQueueName } from '#messaging';
import { TcpProxy } from '#test-support';
import type { DataSource } from 'typeorm';
import { schemaOf } from '../data-source/service-schema.js';
import { IdempotentConsumer } from '../idempotency/idempotent-consumer.js';
import { cleanUp, migratedTestDataSource, notesTable } from '../testing/test-database.js';
import { waitUntil } from '../testing/wait-until.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxWriter } from './outbox-writer.js';

/** Needs RabbitMQ on 127.0.0.1:5672 (guest/guest) as well as the test PostgreSQL. */
const BROKER_PORT = 5672;
const brokerUrl = (port: number) => `amqp://guest:guest@127.0.0.1:${port}`;

describe('OutboxRelay over RabbitMQ (real broker and PostgreSQL)', () => {
  const dataSources: DataSource[] = [];
  const buses: RabbitMqMessageBus[] = [];
  const services: string[] = [];
  let proxy: TcpProxy | undefined;
  let relay: OutboxRelay | undefined;

  afterEach(async () => {
    await relay?.stop();
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    await proxy?.close();
    await cleanUp(dataSources.splice(0));
    const connection = await amqp.connect(brokerUrl(BROKER_PORT));
    const channel = await connection.createChannel();
    for (const service of services.splice(0)) {
      for (const role of ['requests', 'events'] as const) {
        const queue = queueName(service, role);
        for (const name of [queue, retryQueueName(queue), deadLetterQueueName(queue)]) await channel.deleteQueue(name);
      }
    }
    await connection.close();
  });

  const connectBus = async (service: string, port: number): Promise<RabbitMqMessageBus> => {
    services.push(service);
    const bus = await RabbitMqMessageBus.connect({
      service,
      url: brokerUrl(port),
      reconnectDelaysMs: [50, 100, 200],
      closeGraceMs: 1000,
    });
    buses.push(bus);
    return bus;
  };

  it('delivers an event written while the broker was cut off exactly once, after the connection is back', async () => {
    const suffix = randomBytes(4).toString('hex');
    const producer = await migratedTestDataSource(`t_notes_${suffix}`);
    const subscriberDb = await migratedTestDataSource(`t_digest_${suffix}`);
    dataSources.push(producer, subscriberDb);
    const noteCreated = defineEvent<{ noteId: string }>('voice', `t${suffix}.note.created`);

    // The subscriber deduplicates with IdempotentConsumer and counts its effects in its own schema.
    const subscriber = await connectBus(`t_digest_${suffix}`, BROKER_PORT);
    const consumer = new IdempotentConsumer(subscriberDb, 'digest.on-note-created');
    const deliveries: MessageEnvelope[] = [];
    subscriber.subscribe(noteCreated, async (payload, envelope) => {
      deliveries.push(envelope);
      await consumer.run(envelope.id, async (manager) => {
        await manager.query(`INSERT INTO ${notesTable(subscriberDb)} (id, body) VALUES ($1, 'digested')`, [payload.noteId]);
      });
    });
    await subscriber.start();

    // The producer reaches the broker through a proxy the test can cut.
    proxy = await TcpProxy.start(BROKER_PORT);
    const producerBus = await connectBus(`t_notes_${suffix}`, proxy.port);
    relay = new OutboxRelay(producer, producerBus, { pollIntervalMs: 50, batchSize: 10 });
    relay.start();

    proxy.cut();
    await waitUntil(() => !producerBus.isConnected(), 'the producer noticed the broker is gone');

    const envelope = createEnvelope(noteCreated, { noteId: 'n1' });
    await producer.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${notesTable(producer)} (id, body) VALUES ('n1', 'hello')`);
      await new OutboxWriter(producer).add(manager, [envelope]);
    });
    relay.notify();
    await waitUntil(async () => ((await outboxRow(producer))?.attempts ?? 0) >= 2, 'the relay tried and failed twice');
    expect(await outboxRow(producer)).toMatchObject({ published_at: null });
    expect(deliveries).toEqual([]);

    proxy.restore();
    await waitUntil(async () => (await digestedNotes(subscriberDb)) === 1, 'the subscriber handled the event', 15_000);
    // Give a duplicate time to show up, were there one.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await digestedNotes(subscriberDb)).toBe(1);
    expect(deliveries.map((delivered) => delivered.id)).toContain(envelope.id);
    expect(new Set(deliveries.map((delivered) => delivered.id))).toEqual(new Set([envelope.id]));
    expect((await outboxRow(producer))?.published_at).toBeInstanceOf(Date);
    await expect(relay.lag()).resolves.toEqual({ count: 0, oldestAgeMs: null });
  }, 30_000);
});

async function outboxRow(dataSource: DataSource): Promise<{ published_at: Date | null; attempts: number } | undefined> {
  const rows = (await dataSource.query(`SELECT published_at, attempts FROM "${schemaOf(dataSource)}".outbox`)) as {
    published_at: Date | null;
    attempts: number;
  }[];
  return rows[0];
}

async function digestedNotes(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*)::int AS count FROM ${notesTable(dataSource)}`)) as { count: number }[];
  return row?.count ?? 0;
}

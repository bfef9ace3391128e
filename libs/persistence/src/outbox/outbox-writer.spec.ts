import type { DataSource } from 'typeorm';
import { createEnvelope } from '#messaging';
import { schemaOf } from '../data-source/service-schema.js';
import { cleanUp, migratedTestDataSource } from '../testing/test-database.js';
import { OutboxWriter } from './outbox-writer.js';

describe('OutboxWriter (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let writer: OutboxWriter;

  beforeEach(async () => {
    dataSource = await migratedTestDataSource();
    writer = new OutboxWriter(dataSource);
  });

  afterEach(async () => {
    await cleanUp([dataSource]);
  });

  const noteCreated = (id: string) => createEnvelope({ kind: 'event', type: 'notes.note.created', version: 1 }, { id });

  it('stores each envelope whole, under its own id and type', async () => {
    const envelope = noteCreated('n1');

    await dataSource.transaction((manager) => writer.add(manager, [envelope]));

    const rows = (await dataSource.query(`SELECT id, type, payload, published_at, attempts FROM "${schemaOf(dataSource)}".outbox`)) as {
      id: string;
      type: string;
      payload: unknown;
      published_at: Date | null;
      attempts: number;
    }[];
    expect(rows).toEqual([{ id: envelope.id, type: 'notes.note.created', payload: envelope, published_at: null, attempts: 0 }]);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(writer.add(dataSource.manager, [noteCreated('n1')])).rejects.toThrow(/open transaction/);
  });

  it('refuses commands and queries', async () => {
    const command = createEnvelope({ kind: 'command', type: 'notes.note.create', version: 1 }, {});

    await expect(dataSource.transaction((manager) => writer.add(manager, [command]))).rejects.toThrow(/Only events/);
  });
});

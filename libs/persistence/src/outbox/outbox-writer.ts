import type { MessageEnvelope } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { schemaOf } from '../data-source/service-schema.js';
import { OUTBOX_TABLE } from '../migrations/base-tables.js';
import { qualifiedTable } from '../sql/identifiers.js';

/**
 * Records events in the outbox inside the caller's transaction, so they exist if and only if the
 * state change that caused them commits. The OutboxRelay publishes them; call `relay.notify()`
 * after the commit to publish without waiting for its next poll.
 */
export class OutboxWriter {
  private readonly table: string;

  constructor(dataSource: DataSource) {
    this.table = qualifiedTable(schemaOf(dataSource), OUTBOX_TABLE);
  }

  async add(manager: EntityManager, envelopes: readonly MessageEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.add must be given the EntityManager of an open transaction');
    }
    const notEvent = envelopes.find((envelope) => envelope.kind !== 'event');
    if (notEvent) throw new Error(`Only events go through the outbox; ${notEvent.type} is a ${notEvent.kind}`);

    const rows: string[] = [];
    const parameters: unknown[] = [];
    for (const envelope of envelopes) {
      const at = parameters.length;
      rows.push(`($${at + 1}::uuid, $${at + 2}, $${at + 3}::jsonb)`);
      parameters.push(envelope.id, envelope.type, JSON.stringify(envelope));
    }
    await manager.query(`INSERT INTO ${this.table} (id, type, payload) VALUES ${rows.join(', ')}`, parameters);
  }
}

import type { DataSource, EntityManager } from 'typeorm';
import { schemaOf } from '../data-source/service-schema.js';
import { PROCESSED_MESSAGES_TABLE } from '../migrations/base-tables.js';
import { qualifiedTable } from '../sql/identifiers.js';

/**
 * Runs a message's effect at most once per consumer. The marker row and the effect commit in one
 * transaction: a duplicate finds the marker and is skipped, an effect that throws takes the marker
 * with it so a redelivery runs it again, and of two concurrent deliveries the second waits on the
 * first's marker row and then skips (or runs, if the first rolled back).
 */
export class IdempotentConsumer {
  private readonly insertMarker: string;

  constructor(
    private readonly dataSource: DataSource,
    readonly consumerName: string,
  ) {
    this.insertMarker = `
      INSERT INTO ${qualifiedTable(schemaOf(dataSource), PROCESSED_MESSAGES_TABLE)} (consumer, message_id)
      VALUES ($1, $2)
      ON CONFLICT DO NOTHING
      RETURNING message_id`;
  }

  /** True when the effect ran and committed, false when this message had already been processed. */
  async run(messageId: string, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(this.insertMarker, [this.consumerName, messageId])) as unknown[];
      if (inserted.length === 0) return false;
      await effect(manager);
      return true;
    });
  }
}

import type { MessageEnvelope } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { OUTBOX_TABLE } from '../migrations/base-tables.js';
import { qualifiedTable } from '../sql/identifiers.js';

export interface PendingOutboxRow {
  id: string;
  envelope: MessageEnvelope;
}

export interface OutboxLag {
  /** Rows not yet published. */
  count: number;
  /** Age of the oldest of them, null when there is none. */
  oldestAgeMs: number | null;
}

/** The SQL the relay runs against one schema's outbox table. */
export class OutboxTable {
  private readonly table: string;

  constructor(schema: string) {
    this.table = qualifiedTable(schema, OUTBOX_TABLE);
  }

  /** Oldest unpublished rows, locked for this transaction; rows another relay holds are skipped. */
  async lockPending(manager: EntityManager, limit: number): Promise<PendingOutboxRow[]> {
    const rows = (await manager.query(
      `SELECT id, payload FROM ${this.table}
        WHERE published_at IS NULL
        ORDER BY created_at, position
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    )) as { id: string; payload: MessageEnvelope }[];
    return rows.map((row) => ({ id: row.id, envelope: row.payload }));
  }

  async markPublished(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET published_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async recordFailure(manager: EntityManager, ids: readonly string[], error: string): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [ids, error]);
  }

  async lag(dataSource: DataSource): Promise<OutboxLag> {
    const [row] = (await dataSource.query(
      `SELECT count(*)::int AS count,
              (extract(epoch FROM now() - min(created_at)) * 1000)::float8 AS oldest_age_ms
         FROM ${this.table}
        WHERE published_at IS NULL`,
    )) as { count: number; oldest_age_ms: number | null }[];
    return { count: row?.count ?? 0, oldestAgeMs: row?.oldest_age_ms ?? null };
  }

  /** Deletes rows published more than `days` days ago; returns how many. */
  async deletePublishedBefore(dataSource: DataSource, days: number): Promise<number> {
    const [row] = (await dataSource.query(
      `WITH deleted AS (
         DELETE FROM ${this.table}
          WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => $1)
          RETURNING 1)
       SELECT count(*)::int AS count FROM deleted`,
      [days],
    )) as { count: number }[];
    return row?.count ?? 0;
  }
}

import { qualifiedTable, quoteIdentifier } from '../sql/identifiers.js';
import type { SqlExecutor } from '../sql/sql-executor.js';

export const PROCESSED_MESSAGES_TABLE = 'processed_messages';
export const OUTBOX_TABLE = 'outbox';

/** Ids of the messages each consumer has handled (see IdempotentConsumer). */
export async function createProcessedMessagesTable(sql: SqlExecutor, schema: string): Promise<void> {
  await sql.query(`
    CREATE TABLE ${qualifiedTable(schema, PROCESSED_MESSAGES_TABLE)} (
      consumer text NOT NULL,
      message_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ${quoteIdentifier(`${PROCESSED_MESSAGES_TABLE}_pkey`)} PRIMARY KEY (consumer, message_id)
    )`);
}

export async function dropProcessedMessagesTable(sql: SqlExecutor, schema: string): Promise<void> {
  await sql.query(`DROP TABLE IF EXISTS ${qualifiedTable(schema, PROCESSED_MESSAGES_TABLE)}`);
}

/**
 * Events written in the transaction of the state change that caused them, published afterwards by
 * the OutboxRelay. `id` is the envelope id and `payload` the whole envelope. `position` orders rows
 * written by one transaction, whose `created_at` (the transaction's start) is the same.
 */
export async function createOutboxTable(sql: SqlExecutor, schema: string): Promise<void> {
  const outbox = qualifiedTable(schema, OUTBOX_TABLE);
  await sql.query(`
    CREATE TABLE ${outbox} (
      id uuid NOT NULL,
      position bigint GENERATED ALWAYS AS IDENTITY,
      type text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz NULL,
      attempts integer NOT NULL DEFAULT 0,
      last_error text NULL,
      CONSTRAINT ${quoteIdentifier(`${OUTBOX_TABLE}_pkey`)} PRIMARY KEY (id)
    )`);
  await sql.query(`
    CREATE INDEX ${quoteIdentifier(`${OUTBOX_TABLE}_unpublished_idx`)}
      ON ${outbox} (created_at, position) WHERE published_at IS NULL`);
  await sql.query(`
    CREATE INDEX ${quoteIdentifier(`${OUTBOX_TABLE}_published_at_idx`)}
      ON ${outbox} (published_at) WHERE published_at IS NOT NULL`);
}

export async function dropOutboxTable(sql: SqlExecutor, schema: string): Promise<void> {
  await sql.query(`DROP TABLE IF EXISTS ${qualifiedTable(schema, OUTBOX_TABLE)}`);
}

import { qualifiedTable, quoteIdentifier } from '../sql/identifiers.js';
import type { SqlExecutor } from '../sql/sql-executor.js';

export const DAILY_USAGE_TABLE = 'daily_usage';

/** Per user, per metric, per UTC day: how much of a daily quota was used. For the services that own quotas. */
export async function createDailyUsageTable(sql: SqlExecutor, schema: string): Promise<void> {
  await sql.query(`
    CREATE TABLE ${qualifiedTable(schema, DAILY_USAGE_TABLE)} (
      user_id text NOT NULL,
      metric text NOT NULL,
      day date NOT NULL,
      used integer NOT NULL CHECK (used >= 0),
      CONSTRAINT ${quoteIdentifier(`${DAILY_USAGE_TABLE}_pkey`)} PRIMARY KEY (user_id, metric, day)
    )`);
}

export async function dropDailyUsageTable(sql: SqlExecutor, schema: string): Promise<void> {
  await sql.query(`DROP TABLE IF EXISTS ${qualifiedTable(schema, DAILY_USAGE_TABLE)}`);
}

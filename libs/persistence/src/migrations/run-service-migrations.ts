import { MigrationExecutor, type DataSource, type QueryRunner } from 'typeorm';
import { MIGRATIONS_TABLE } from '../data-source/create-service-data-source.js';
import { schemaOf } from '../data-source/service-schema.js';
import { qualifiedTable, quoteIdentifier } from '../sql/identifiers.js';

/** First key of the two-key advisory lock; the second is a hash of the schema name. */
const MIGRATION_LOCK_CLASS = 0x766f78; // "vox"

/**
 * Creates the service's schema if missing and applies its pending migrations, initializing the data
 * source first if needed. Instances of one service starting together take turns on an advisory lock
 * keyed on the schema, so each migration runs once. Returns the names of the migrations applied.
 */
export async function runServiceMigrations(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const schema = schemaOf(dataSource);
  // The lock, the schema and the migrations share one connection: a pool of one must not deadlock.
  const queryRunner = dataSource.createQueryRunner();
  try {
    return await withMigrationLock(queryRunner, schema, async () => {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      const executor = new MigrationExecutor(dataSource, queryRunner);
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    });
  } finally {
    await queryRunner.release();
  }
}

/** The newest applied migration of the service's schema, or null before the first one. */
export async function latestMigration(dataSource: DataSource): Promise<string | null> {
  const schema = schemaOf(dataSource);
  const [table] = (await dataSource.query(`SELECT to_regclass($1) AS oid`, [qualifiedTable(schema, MIGRATIONS_TABLE)])) as {
    oid: string | null;
  }[];
  if (!table?.oid) return null;
  const [latest] = (await dataSource.query(
    `SELECT name FROM ${qualifiedTable(schema, MIGRATIONS_TABLE)} ORDER BY "timestamp" DESC, id DESC LIMIT 1`,
  )) as { name: string }[];
  return latest?.name ?? null;
}

async function withMigrationLock<T>(queryRunner: QueryRunner, schema: string, work: () => Promise<T>): Promise<T> {
  const lockKey = [MIGRATION_LOCK_CLASS, schema];
  await queryRunner.query(`SELECT pg_advisory_lock($1, hashtext($2))`, lockKey);
  const unlock = () => queryRunner.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, lockKey);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // Keep the migration's error; a lost connection releases the lock by itself.
    await unlock().catch(() => undefined);
    throw error;
  }
  await unlock();
  return result;
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource, type MigrationClass } from '../data-source/create-service-data-source.js';
import { schemaOf } from '../data-source/service-schema.js';
import { runServiceMigrations } from '../migrations/run-service-migrations.js';
import { serviceFoundationMigration } from '../migrations/service-foundation-migration.js';
import { qualifiedTable, quoteIdentifier } from '../sql/identifiers.js';

/** The real PostgreSQL the tests run against (never a mock). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A service name of its own per test, so its schema `t_<random>` is too. */
export function uniqueTestService(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** A table the tests' effects and state changes write to. */
export class Notes1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE ${notesTable(queryRunner.connection)} (id text PRIMARY KEY, body text NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${notesTable(queryRunner.connection)}`);
  }
}

/** What a service's migrations look like: the foundation (base tables), then its own tables. */
export function testMigrations(service: string): MigrationClass[] {
  return [serviceFoundationMigration(service, 1700000000000), Notes1700000000001];
}

export function notesTable(dataSource: DataSource): string {
  return qualifiedTable(schemaOf(dataSource), 'notes');
}

/** An initialized data source on its own schema with the test migrations applied. */
export async function migratedTestDataSource(service = uniqueTestService(), url = TEST_DATABASE_URL): Promise<DataSource> {
  const dataSource = createServiceDataSource({ service, url, migrations: testMigrations(service), poolSize: 4 });
  await runServiceMigrations(dataSource);
  return dataSource;
}

export async function dropSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Destroys the data sources and drops the schemas they used. */
export async function cleanUp(dataSources: readonly DataSource[]): Promise<void> {
  const schemas = new Set(dataSources.map((dataSource) => schemaOf(dataSource)));
  await Promise.all(dataSources.map((dataSource) => (dataSource.isInitialized ? dataSource.destroy() : undefined)));
  for (const schema of schemas) await dropSchema(schema);
}

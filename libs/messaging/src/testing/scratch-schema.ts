import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A data source on a fresh schema of the real test database; `drop()` removes the schema and disconnects. */
export interface ScratchSchema {
  dataSource: DataSource;
  schema: string;
  drop(): Promise<void>;
}

export async function createScratchSchema(prefix = 'bus_contract'): Promise<ScratchSchema> {
  const schema = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const dataSource = new DataSource({ type: 'postgres', url: TEST_DATABASE_URL, schema, poolSize: 4 });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA "${schema}"`);
  return {
    dataSource,
    schema,
    async drop() {
      try {
        await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await dataSource.destroy();
      }
    },
  };
}

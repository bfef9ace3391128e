import type { DataSource } from 'typeorm';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema a service owns: its name, with dashes turned into underscores (`identity` → `identity`). */
export function schemaForService(service: string): string {
  const schema = service.replaceAll('-', '_');
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Service name "${service}" does not make a valid schema name (lower case letters, digits, _ or -)`);
  }
  return schema;
}

/** The schema a data source made by createServiceDataSource works in. */
export function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('This data source has no schema; create it with createServiceDataSource');
  return schema;
}

import type { DataSource } from 'typeorm';
import { schemaOf } from '#persistence';

/** `"<schema>"."<table>"` for the storage tables, in whatever schema the service runs in. */
export function storageTable(dataSource: DataSource, table: 'files' | 'storage_usage'): string {
  return `"${schemaOf(dataSource)}"."${table}"`;
}

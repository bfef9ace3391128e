import { DataSource, type DataSourceOptions, type LoggerOptions, type MigrationInterface } from 'typeorm';
import { schemaForService } from './service-schema.js';

export type MigrationClass = new () => MigrationInterface;

/** Name of the table, inside the service's own schema, that records its applied migrations. */
export const MIGRATIONS_TABLE = 'migrations';

export const DEFAULT_POOL_SIZE = 10;

export interface ServiceDataSourceOptions {
  /** The owning service; its schema (see schemaForService) holds its tables and migrations table. */
  service: string;
  /** postgres://user:password@host:port/database (see resolveDatabaseUrl). */
  url: string;
  /** Migration classes (names end in a 13-digit timestamp, as TypeORM requires). */
  migrations: readonly MigrationClass[] | NonNullable<DataSourceOptions['migrations']>;
  entities?: DataSourceOptions['entities'];
  /** Connections in the pg pool; the embedded server's maxConnections must be at least this. */
  poolSize?: number;
  logging?: LoggerOptions;
}

/**
 * A PostgreSQL data source confined to one service's schema. It is returned uninitialized; its
 * schema is created and migrated by runServiceMigrations, never synchronized.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: schemaForService(options.service),
    applicationName: `voxify-${options.service}`,
    entities: options.entities ?? [],
    // Object.values: the same list whether given as an array or as TypeORM's { name: class } map.
    migrations: Object.values(options.migrations),
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
    logging: options.logging ?? false,
  });
}

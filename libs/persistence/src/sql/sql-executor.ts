/**
 * Anything that runs SQL: a TypeORM DataSource, QueryRunner or EntityManager. The building blocks
 * take this so a migration can pass its QueryRunner and a test its DataSource.
 */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

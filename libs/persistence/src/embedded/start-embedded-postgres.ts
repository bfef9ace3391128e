import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { PgliteWireServer } from './pglite-wire-server.js';

export interface EmbeddedPostgresOptions {
  /** Where the database lives (created if missing); in memory when omitted. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** Client connections accepted at once: at least the sum of the pg pool sizes pointed at it. */
  maxConnections: number;
}

export interface EmbeddedPostgres {
  /** postgres://… URL for the ordinary `pg` driver. */
  url: string;
  /** Closes the server, then the database, so its data directory can be opened again. */
  stop(): Promise<void>;
}

/**
 * PostgreSQL in-process (PGlite, WASM), served over the PostgreSQL wire protocol on 127.0.0.1 so
 * that the unchanged `pg` driver, TypeORM and migrations run against it. One PGlite session serves
 * every connection, one unit of work (query, or transaction) at a time; fine for a single machine, not for load.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { extensions: { uuid_ossp } });
  const server = new PgliteWireServer(db, options.maxConnections);
  let port: number;
  try {
    // As on a server where TypeORM installs it for uuid primary keys: uuid_generate_v4() just works.
    await db.exec('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"');
    ({ port } = await server.listen('127.0.0.1', options.port ?? 0));
  } catch (error) {
    await db.close();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () =>
      (stopping ??= (async () => {
        await server.close();
        await db.close();
      })()),
  };
}

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const RABBITMQ_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A database of its own for one test file, on the real PostgreSQL server; dropped by `drop()`. */
export async function createTestDatabase(prefix = 'voxify_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A RabbitMQ virtual host of its own for one test file, so the apps it starts declare their queues
 * apart from anything else using the broker; deleted by `drop()`. Needs `rabbitmqctl` (root on the CI box).
 */
export async function createTestVhost(prefix = 'voxify-test'): Promise<{ url: string; drop(): Promise<void> }> {
  const vhost = `${prefix}-${randomUUID().slice(0, 8)}`;
  await run('rabbitmqctl', ['-q', 'add_vhost', vhost]);
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*']);
  const url = new URL(RABBITMQ_URL);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return {
    url: url.toString(),
    async drop() {
      await run('rabbitmqctl', ['-q', 'delete_vhost', vhost]);
    },
  };
}

/**
 * What a gateway (and the storage service next to it) needs for files in a test: the signed-URL
 * secret and a files folder of the test's own (shared by the two, as on one machine).
 */
export function testFileSettings(): { FILE_URL_SECRET: string; FILES_DIR: string } {
  return {
    FILE_URL_SECRET: `e2e-file-url-secret-${randomUUID()}`,
    FILES_DIR: join(tmpdir(), `voxify-e2e-files-${randomUUID().slice(0, 8)}`),
  };
}

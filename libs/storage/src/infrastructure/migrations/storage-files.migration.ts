import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDailyUsageTable, dropDailyUsageTable, schemaOf } from '#persistence';

/** File metadata (the contents live in the blob store), storage held per user, and the daily upload quota. */
export class StorageFiles1764028800000 implements MigrationInterface {
  readonly name = 'StorageFiles1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schemaName = schemaOf(queryRunner.connection);
    const schema = `"${schemaName}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.files (
        id text PRIMARY KEY,
        owner_id text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('upload', 'synthesis_output', 'voice_sample')),
        filename text NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL,
        blob_key text NOT NULL,
        duration_seconds double precision NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NULL,
        deleted_at timestamptz NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX files_live_by_owner_idx ON ${schema}.files (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    );
    // What the sweeper scans: live files that expire.
    await queryRunner.query(
      `CREATE INDEX files_expiring_idx ON ${schema}.files (expires_at) WHERE deleted_at IS NULL AND expires_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.storage_usage (
        user_id text PRIMARY KEY,
        bytes bigint NOT NULL CHECK (bytes >= 0),
        files integer NOT NULL CHECK (files >= 0)
      )`);
    await createDailyUsageTable(queryRunner, schemaName);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schemaName = schemaOf(queryRunner.connection);
    await dropDailyUsageTable(queryRunner, schemaName);
    await queryRunner.query(`DROP TABLE IF EXISTS "${schemaName}".storage_usage`);
    await queryRunner.query(`DROP TABLE IF EXISTS "${schemaName}".files`);
  }
}

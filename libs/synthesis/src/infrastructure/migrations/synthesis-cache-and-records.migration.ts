import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '#persistence';

/**
 * `synthesis_cache`: per user, the content key of a request → the stored output it produced, kept as
 * long as that file lives. `synthesis_records`: one row per finished synthesis, for the admin stats.
 */
export class SynthesisCacheAndRecords1764150000000 implements MigrationInterface {
  readonly name = 'SynthesisCacheAndRecords1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.synthesis_cache (
        user_id text NOT NULL,
        cache_key text NOT NULL,
        file_id text NOT NULL,
        format text NOT NULL,
        sample_rate integer NOT NULL,
        duration_seconds double precision NOT NULL,
        words jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NULL,
        PRIMARY KEY (user_id, cache_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX synthesis_cache_expiry_idx ON ${schema}.synthesis_cache (expires_at) WHERE expires_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.synthesis_records (
        synthesis_id text PRIMARY KEY,
        user_id text NOT NULL,
        source text NOT NULL,
        characters integer NOT NULL CHECK (characters >= 0),
        audio_seconds double precision NOT NULL CHECK (audio_seconds >= 0),
        inference_seconds double precision NULL,
        cached boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX synthesis_records_created_idx ON ${schema}.synthesis_records (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.synthesis_records`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.synthesis_cache`);
  }
}

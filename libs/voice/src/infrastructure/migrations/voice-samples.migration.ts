import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDailyUsageTable, dropDailyUsageTable, schemaOf } from '#persistence';

/** Voice samples (the audio lives in storage files) and the daily sample-upload quota. */
export class VoiceSamples1764800000001 implements MigrationInterface {
  readonly name = 'VoiceSamples1764800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schemaName = schemaOf(queryRunner.connection);
    const schema = `"${schemaName}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.voice_samples (
        id text PRIMARY KEY,
        owner_id text NOT NULL,
        name text NOT NULL,
        description text NULL,
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('uploaded', 'ready', 'rejected')),
        format text NOT NULL,
        duration_seconds double precision NOT NULL,
        file_id text NOT NULL,
        file_size bigint NOT NULL CHECK (file_size >= 0),
        normalized_file_id text NULL,
        analysis_job_id text NULL,
        metrics jsonb NULL,
        quality_score double precision NULL,
        rejection_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
        analyzed_at timestamptz NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX voice_samples_by_owner_idx ON ${schema}.voice_samples (owner_id, created_at DESC, id DESC)`);
    await createDailyUsageTable(queryRunner, schemaName);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schemaName = schemaOf(queryRunner.connection);
    await dropDailyUsageTable(queryRunner, schemaName);
    await queryRunner.query(`DROP TABLE IF EXISTS "${schemaName}".voice_samples`);
  }
}

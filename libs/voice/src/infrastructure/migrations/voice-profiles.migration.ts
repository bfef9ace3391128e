import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '#persistence';

/** Voice profiles: the fitted speaker point, its corrections, its statistics vector and the consent to train it. */
export class VoiceProfiles1764800000100 implements MigrationInterface {
  readonly name = 'VoiceProfiles1764800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.voice_profiles (
        id text PRIMARY KEY,
        owner_id text NOT NULL,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('training', 'ready', 'failed')),
        base_voice text NOT NULL,
        language text NOT NULL,
        sample_ids text[] NOT NULL CHECK (cardinality(sample_ids) > 0),
        training_job_id text NULL,
        config jsonb NOT NULL,
        consent_by text NOT NULL,
        consent_at timestamptz NOT NULL,
        mix_weights jsonb NULL,
        embedding real[] NULL,
        pitch_factor double precision NULL,
        tempo double precision NULL,
        spectral_gains_db double precision[] NULL,
        statistics double precision[] NULL,
        distance_before double precision NULL,
        distance_after double precision NULL,
        pitch_hz double precision NULL,
        rendered_pitch_hz double precision NULL,
        failure_reason text NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX voice_profiles_by_owner_idx ON ${schema}.voice_profiles (owner_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX voice_profiles_by_sample_idx ON ${schema}.voice_profiles USING gin (sample_ids)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner.connection)}".voice_profiles`);
  }
}

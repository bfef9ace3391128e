import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '#persistence';

/** The users' pronunciation lexicons, one JSON list per user. */
export class SynthesisUserLexicons1764300000000 implements MigrationInterface {
  readonly name = 'SynthesisUserLexicons1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.user_lexicons (
        user_id text PRIMARY KEY,
        entries jsonb NOT NULL CHECK (jsonb_typeof(entries) = 'array'),
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "${schemaOf(queryRunner.connection)}".user_lexicons`);
  }
}

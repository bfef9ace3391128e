import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '#persistence';
import { PLATFORM_CONFIG_HISTORY_KEY } from '../persistence/platform-config-history.entity.js';

/**
 * The admin's runtime settings: `platform_config` holds the current version (at most one row; none
 * means the defaults), `platform_config_history` every version ever stored, who stored it and when.
 */
export class IdentityPlatformConfig1764806400000 implements MigrationInterface {
  readonly name = 'IdentityPlatformConfig1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.platform_config (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version integer NOT NULL CHECK (version > 0),
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.platform_config_history (
        version integer NOT NULL CHECK (version > 0),
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NULL,
        CONSTRAINT ${PLATFORM_CONFIG_HISTORY_KEY} PRIMARY KEY (version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.platform_config_history`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.platform_config`);
  }
}

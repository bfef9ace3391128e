import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '#persistence';
import { USERS_EMAIL_CONSTRAINT } from '../persistence/user.entity.js';

/** Accounts, sessions with their refresh tokens (hashes only), and API keys (prefix + hash only). */
export class IdentityAccounts1763942400000 implements MigrationInterface {
  readonly name = 'IdentityAccounts1763942400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.users (
        id text PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{user}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_login_at timestamptz NULL,
        CONSTRAINT ${USERS_EMAIL_CONSTRAINT} UNIQUE (email)
      )`);
    await queryRunner.query(`CREATE INDEX users_newest_first_idx ON ${schema}.users (created_at DESC, id DESC)`);

    await queryRunner.query(`
      CREATE TABLE ${schema}.sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES ${schema}.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_refreshed_at timestamptz NULL,
        revoked_at timestamptz NULL,
        revoked_reason text NULL,
        client_ip text NULL,
        user_agent text NULL
      )`);
    await queryRunner.query(`CREATE INDEX sessions_open_by_user_idx ON ${schema}.sessions (user_id) WHERE revoked_at IS NULL`);

    // The primary key is the index refreshes look tokens up by.
    await queryRunner.query(`
      CREATE TABLE ${schema}.refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES ${schema}.sessions (id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_session_idx ON ${schema}.refresh_tokens (session_id)`);

    await queryRunner.query(`
      CREATE TABLE ${schema}.api_keys (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES ${schema}.users (id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NULL,
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_by_user_idx ON ${schema}.api_keys (user_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX api_keys_prefix_idx ON ${schema}.api_keys (prefix)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.api_keys`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.refresh_tokens`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.sessions`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.users`);
  }
}

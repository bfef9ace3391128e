import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '#persistence';

/** The read model of every job, and the indexes of its three readers: owner lists, filters, the watchdog. */
export class JobsReadModel1765065600000 implements MigrationInterface {
  readonly name = 'JobsReadModel1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(queryRunner.connection)}"`;
    await queryRunner.query(`
      CREATE TABLE ${schema}.jobs (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        type text NOT NULL,
        service text NOT NULL,
        title text NULL,
        status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
        progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        message text NULL,
        attempts integer NOT NULL DEFAULT 0,
        cancel_requested boolean NOT NULL DEFAULT false,
        result jsonb NULL,
        error_code text NULL,
        error_reason text NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        last_heartbeat_at timestamptz NULL,
        estimated_completion timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX jobs_by_owner_idx ON ${schema}.jobs (user_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX jobs_by_status_type_idx ON ${schema}.jobs (status, type)`);
    await queryRunner.query(`CREATE INDEX jobs_running_heartbeat_idx ON ${schema}.jobs (last_heartbeat_at) WHERE status = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner.connection)}".jobs`);
  }
}

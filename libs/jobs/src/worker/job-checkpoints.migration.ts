import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf, type MigrationClass } from '#persistence';

export const JOB_CHECKPOINTS_TABLE = 'job_checkpoints';

/**
 * The migration a service that runs jobs adds to its own schema: `job_checkpoints`, one row per job
 * it produces (input, last checkpoint, status, which worker holds it and when it last beat). Give it
 * a 13-digit timestamp that orders it among the service's own migrations.
 */
export function jobCheckpointsMigration(timestamp: number): MigrationClass {
  if (!/^\d{13}$/.test(String(timestamp))) throw new Error(`Migration timestamp ${timestamp} must be a 13-digit JavaScript timestamp`);
  const name = `JobCheckpoints${timestamp}`;
  return class JobCheckpointsMigration implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      const schema = `"${schemaOf(queryRunner.connection)}"`;
      await queryRunner.query(`
        CREATE TABLE ${schema}.${JOB_CHECKPOINTS_TABLE} (
          job_id text PRIMARY KEY,
          type text NOT NULL,
          user_id text NOT NULL,
          input jsonb NOT NULL,
          state jsonb NULL,
          status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
          progress double precision NOT NULL DEFAULT 0,
          message text NULL,
          attempt integer NOT NULL DEFAULT 0,
          worker_id text NULL,
          heartbeat_at timestamptz NULL,
          cancel_requested boolean NOT NULL DEFAULT false,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        )`);
      await queryRunner.query(
        `CREATE INDEX ${JOB_CHECKPOINTS_TABLE}_unfinished_idx ON ${schema}.${JOB_CHECKPOINTS_TABLE} (created_at) WHERE status IN ('pending', 'running')`,
      );
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner.connection)}".${JOB_CHECKPOINTS_TABLE}`);
    }
  };
}

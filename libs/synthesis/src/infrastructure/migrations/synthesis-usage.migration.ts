import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDailyUsageTable, dropDailyUsageTable, schemaOf } from '#persistence';

/** The daily synthesis quota (`daily_usage`, shared shape with the other services' quotas). */
export class SynthesisUsage1764100000000 implements MigrationInterface {
  readonly name = 'SynthesisUsage1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDailyUsageTable(queryRunner, schemaOf(queryRunner.connection));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropDailyUsageTable(queryRunner, schemaOf(queryRunner.connection));
  }
}

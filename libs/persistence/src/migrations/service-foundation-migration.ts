import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationClass } from '../data-source/create-service-data-source.js';
import { schemaForService } from '../data-source/service-schema.js';
import { createOutboxTable, createProcessedMessagesTable, dropOutboxTable, dropProcessedMessagesTable } from './base-tables.js';

/**
 * A service's first migration: the processed_messages and outbox tables in its schema. Its name,
 * `<Service>Foundation<timestamp>`, is what the migrations table records.
 */
export function serviceFoundationMigration(service: string, timestamp: number): MigrationClass {
  if (!/^\d{13}$/.test(String(timestamp))) {
    throw new Error(`Migration timestamp ${timestamp} must be a 13-digit JavaScript timestamp`);
  }
  const schema = schemaForService(service);
  const name = `${pascalCase(service)}Foundation${timestamp}`;

  return class ServiceFoundationMigration implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await createProcessedMessagesTable(queryRunner, schema);
      await createOutboxTable(queryRunner, schema);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await dropOutboxTable(queryRunner, schema);
      await dropProcessedMessagesTable(queryRunner, schema);
    }
  };
}

function pascalCase(service: string): string {
  return service
    .split(/[-_]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

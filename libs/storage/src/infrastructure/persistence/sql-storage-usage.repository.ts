import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StorageUsageRepository } from '../../application/ports/index.js';
import { storageTable } from './storage-tables.js';
import { TypeOrmUnitOfWork } from './typeorm-unit-of-work.js';

/** One row per user, changed by a single atomic upsert, so concurrent changes never lose one another. */
@Injectable()
export class SqlStorageUsageRepository extends StorageUsageRepository {
  private readonly table: string;

  constructor(
    dataSource: DataSource,
    private readonly unitOfWork: TypeOrmUnitOfWork,
  ) {
    super();
    this.table = storageTable(dataSource, 'storage_usage');
  }

  async add(userId: string, bytes: number, files: number): Promise<void> {
    await this.unitOfWork.manager().query(
      `INSERT INTO ${this.table} AS usage (user_id, bytes, files) VALUES ($1, GREATEST($2::bigint, 0), GREATEST($3::integer, 0))
       ON CONFLICT (user_id) DO UPDATE
         SET bytes = GREATEST(usage.bytes + $2::bigint, 0), files = GREATEST(usage.files + $3::integer, 0)`,
      [userId, bytes, files],
    );
  }

  async get(userId: string): Promise<{ bytes: number; files: number }> {
    const rows = (await this.unitOfWork.manager().query(`SELECT bytes, files FROM ${this.table} WHERE user_id = $1`, [userId])) as Array<{
      bytes: string;
      files: number;
    }>;
    return { bytes: Number(rows[0]?.bytes ?? 0), files: rows[0]?.files ?? 0 };
  }
}

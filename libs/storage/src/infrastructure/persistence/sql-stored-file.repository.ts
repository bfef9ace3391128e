import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FilePurpose } from '#contracts';
import { StoredFileRepository, type StoredFileTotals } from '../../application/ports/index.js';
import type { StoredFile } from '../../domain/index.js';
import { storageTable } from './storage-tables.js';
import { storedFileFromRow, type StoredFileRow } from './stored-file.row.js';
import { TypeOrmUnitOfWork } from './typeorm-unit-of-work.js';

@Injectable()
export class SqlStoredFileRepository extends StoredFileRepository {
  private readonly files: string;

  constructor(
    dataSource: DataSource,
    private readonly unitOfWork: TypeOrmUnitOfWork,
  ) {
    super();
    this.files = storageTable(dataSource, 'files');
  }

  private query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.unitOfWork.manager().query(sql, parameters) as Promise<T[]>;
  }

  async insert(file: StoredFile): Promise<boolean> {
    const p = file.snapshot();
    const inserted = await this.query(
      `INSERT INTO ${this.files}
         (id, owner_id, purpose, filename, content_type, size, sha256, blob_key, duration_seconds, created_at, expires_at, deleted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [p.id, p.ownerId, p.purpose, p.filename, p.contentType, p.size, p.sha256, p.blobKey, p.durationSeconds, p.createdAt, p.expiresAt],
    );
    return inserted.length === 1;
  }

  async findById(id: string, options?: { lock?: boolean }): Promise<StoredFile | undefined> {
    const rows = await this.query<StoredFileRow>(`SELECT * FROM ${this.files} WHERE id = $1${options?.lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? storedFileFromRow(rows[0]) : undefined;
  }

  async markDeleted(file: StoredFile): Promise<void> {
    await this.query(`UPDATE ${this.files} SET deleted_at = $2 WHERE id = $1`, [file.id, file.deletedAt]);
  }

  async listLive(search: {
    ownerId: string;
    purpose?: FilePurpose;
    now: Date;
    offset: number;
    limit: number;
  }): Promise<{ files: StoredFile[]; total: number }> {
    const where = `owner_id = $1 AND deleted_at IS NULL AND (expires_at IS NULL OR expires_at > $2) AND ($3::text IS NULL OR purpose = $3)`;
    const parameters = [search.ownerId, search.now, search.purpose ?? null];
    const [rows, counted] = await Promise.all([
      this.query<StoredFileRow>(`SELECT * FROM ${this.files} WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET $4 LIMIT $5`, [
        ...parameters,
        search.offset,
        search.limit,
      ]),
      this.query<{ total: string }>(`SELECT count(*) AS total FROM ${this.files} WHERE ${where}`, parameters),
    ]);
    return { files: rows.map(storedFileFromRow), total: Number(counted[0]?.total ?? 0) };
  }

  async lockExpired(now: Date, limit: number): Promise<StoredFile[]> {
    const rows = await this.query<StoredFileRow>(
      `SELECT * FROM ${this.files}
       WHERE deleted_at IS NULL AND expires_at IS NOT NULL AND expires_at <= $1
       ORDER BY expires_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(storedFileFromRow);
  }

  async totals(since: Date): Promise<StoredFileTotals> {
    const rows = await this.query<{ files: string; bytes: string; created_since: string }>(
      `SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes, count(*) FILTER (WHERE created_at >= $1) AS created_since
       FROM ${this.files} WHERE deleted_at IS NULL`,
      [since],
    );
    const row = rows[0];
    return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0), createdSince: Number(row?.created_since ?? 0) };
  }
}

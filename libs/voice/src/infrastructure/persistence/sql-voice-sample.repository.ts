import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { VoiceSampleStatus } from '#contracts';
import { schemaOf } from '#persistence';
import {
  VoiceSampleRepository,
  type VoiceSampleRequesterScope,
  type VoiceSampleSearch,
} from '../../application/ports/voice-sample.repository.js';
import type { VoiceSample } from '../../domain/samples/index.js';
import { TypeOrmUnitOfWork } from './typeorm-unit-of-work.js';
import { VOICE_SAMPLE_COLUMNS, voiceSampleFromRow, voiceSampleValues, type VoiceSampleRow } from './voice-sample.row.js';

const SORT_COLUMNS = { created_at: 'created_at', name: 'lower(name)', quality_score: 'quality_score' } as const;

/** Voice samples in SQL, in the unit of work's transaction when one is open. The owner scope is part of every WHERE. */
@Injectable()
export class SqlVoiceSampleRepository extends VoiceSampleRepository {
  private readonly table: string;

  constructor(
    dataSource: DataSource,
    private readonly unitOfWork: TypeOrmUnitOfWork,
  ) {
    super();
    this.table = `"${schemaOf(dataSource)}"."voice_samples"`;
  }

  private query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.unitOfWork.manager().query(sql, parameters) as Promise<T[]>;
  }

  async insert(sample: VoiceSample): Promise<void> {
    const placeholders = VOICE_SAMPLE_COLUMNS.map(
      (column, i) => `$${i + 1}${column === 'metrics' || column === 'rejection_reasons' ? '::jsonb' : ''}`,
    );
    await this.query(
      `INSERT INTO ${this.table} (${VOICE_SAMPLE_COLUMNS.join(', ')}) VALUES (${placeholders.join(', ')})`,
      voiceSampleValues(sample),
    );
  }

  async update(sample: VoiceSample): Promise<void> {
    const assignments = VOICE_SAMPLE_COLUMNS.slice(1).map(
      (column, i) => `${column} = $${i + 2}${column === 'metrics' || column === 'rejection_reasons' ? '::jsonb' : ''}`,
    );
    await this.query(`UPDATE ${this.table} SET ${assignments.join(', ')} WHERE id = $1`, voiceSampleValues(sample));
  }

  async findVisible(id: string, requester: VoiceSampleRequesterScope, options?: { lock?: boolean }): Promise<VoiceSample | undefined> {
    const rows = await this.query<VoiceSampleRow>(
      `SELECT * FROM ${this.table} WHERE id = $1 AND ($3::boolean OR owner_id = $2)${options?.lock ? ' FOR UPDATE' : ''}`,
      [id, requester.userId, requester.admin],
    );
    return rows[0] ? voiceSampleFromRow(rows[0]) : undefined;
  }

  async list(search: VoiceSampleSearch): Promise<{ samples: VoiceSample[]; total: number }> {
    const where = `($2::boolean OR owner_id = $1) AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR lower(language) = lower($4))`;
    const parameters = [search.requester.userId, search.requester.admin, search.status ?? null, search.language ?? null];
    const direction = search.order === 'asc' ? 'ASC' : 'DESC';
    const order = `${SORT_COLUMNS[search.sort]} ${direction} NULLS LAST, created_at ${direction}, id ${direction}`;
    const [rows, counted] = await Promise.all([
      this.query<VoiceSampleRow>(`SELECT * FROM ${this.table} WHERE ${where} ORDER BY ${order} OFFSET $5 LIMIT $6`, [
        ...parameters,
        search.offset,
        search.limit,
      ]),
      this.query<{ total: string }>(`SELECT count(*) AS total FROM ${this.table} WHERE ${where}`, parameters),
    ]);
    return { samples: rows.map(voiceSampleFromRow), total: Number(counted[0]?.total ?? 0) };
  }

  async delete(id: string, requester: VoiceSampleRequesterScope): Promise<boolean> {
    // TypeORM answers a bare DELETE with [rows, count]; as a CTE read by a SELECT it answers the rows.
    const rows = await this.query<{ id: string }>(
      `WITH deleted AS (DELETE FROM ${this.table} WHERE id = $1 AND ($3::boolean OR owner_id = $2) RETURNING id) SELECT id FROM deleted`,
      [id, requester.userId, requester.admin],
    );
    return rows.length === 1;
  }

  async lockOwnerAndCount(ownerId: string): Promise<number> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtext('voice_samples:' || $1))`, [ownerId]);
    return this.countByOwner(ownerId);
  }

  async countByOwner(ownerId: string): Promise<number> {
    const rows = await this.query<{ total: string }>(`SELECT count(*) AS total FROM ${this.table} WHERE owner_id = $1`, [ownerId]);
    return Number(rows[0]?.total ?? 0);
  }

  async countInTraining(): Promise<number> {
    const profiles = this.table.replace('"voice_samples"', '"voice_profiles"');
    const rows = await this.query<{ total: string }>(
      `SELECT count(*) AS total FROM ${this.table} s
       WHERE EXISTS (SELECT 1 FROM ${profiles} p WHERE p.status = 'training' AND s.id = ANY (p.sample_ids))`,
      [],
    );
    return Number(rows[0]?.total ?? 0);
  }

  async countByStatus(): Promise<Record<VoiceSampleStatus, number>> {
    const rows = await this.query<{ status: VoiceSampleStatus; total: string }>(
      `SELECT status, count(*) AS total FROM ${this.table} GROUP BY status`,
      [],
    );
    const counts: Record<VoiceSampleStatus, number> = { uploaded: 0, ready: 0, rejected: 0 };
    for (const row of rows) counts[row.status] = Number(row.total);
    return counts;
  }
}

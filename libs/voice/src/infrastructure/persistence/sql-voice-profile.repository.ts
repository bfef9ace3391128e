import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageEnvelope } from '#contracts';
import { OutboxWriter, schemaOf } from '#persistence';
import { OUTBOX_RELAY } from '#service-runtime';
import { VoiceProfileRepository, type VoiceProfileRequester } from '../../application/ports/voice-profile.repository.js';
import type { VoiceProfile } from '../../domain/voice-profile/voice-profile.js';
import { fitColumns, voiceProfileFromRow, type VoiceProfileRow } from './voice-profile.row.js';

/** Rows of a SELECT, or of an UPDATE/DELETE … RETURNING (which TypeORM answers as `[rows, count]`). */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

const VISIBLE = `(owner_id = $2 OR $3::boolean)`;

@Injectable()
export class SqlVoiceProfileRepository extends VoiceProfileRepository {
  private readonly table: string;
  private readonly outbox: OutboxWriter;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: { notify(): void },
  ) {
    super();
    this.table = `"${schemaOf(dataSource)}".voice_profiles`;
    this.outbox = new OutboxWriter(dataSource);
  }

  private async select(sql: string, parameters: unknown[], manager: EntityManager = this.dataSource.manager): Promise<VoiceProfile[]> {
    return rowsOf<VoiceProfileRow>(await manager.query(sql, parameters)).map(voiceProfileFromRow);
  }

  async insert(p: VoiceProfile): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table}
         (id, owner_id, name, status, base_voice, language, sample_ids, training_job_id, config, consent_by, consent_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13)`,
      [
        p.id,
        p.ownerId,
        p.name,
        p.status,
        p.baseVoice,
        p.language,
        p.sampleIds,
        p.trainingJobId,
        JSON.stringify(p.config),
        p.consent.givenBy,
        p.consent.givenAt,
        p.createdAt,
        p.updatedAt,
      ],
    );
  }

  async findById(id: string): Promise<VoiceProfile | undefined> {
    return (await this.select(`SELECT * FROM ${this.table} WHERE id = $1`, [id]))[0];
  }

  async findVisible(id: string, requester: VoiceProfileRequester): Promise<VoiceProfile | undefined> {
    return (
      await this.select(`SELECT * FROM ${this.table} WHERE id = $1 AND ${VISIBLE}`, [id, requester.user_id, requester.admin === true])
    )[0];
  }

  async listVisible(requester: VoiceProfileRequester, offset: number, limit: number): Promise<{ profiles: VoiceProfile[]; total: number }> {
    // An admin's own list is their own profiles too: "see all" applies to reading one by id.
    const [profiles, counted] = await Promise.all([
      this.select(`SELECT * FROM ${this.table} WHERE owner_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3`, [
        requester.user_id,
        offset,
        limit,
      ]),
      this.dataSource.query(`SELECT count(*) AS total FROM ${this.table} WHERE owner_id = $1`, [requester.user_id]) as Promise<
        Array<{ total: string }>
      >,
    ]);
    return { profiles, total: Number(counted[0]?.total ?? 0) };
  }

  listReady(ownerId: string): Promise<VoiceProfile[]> {
    return this.select(`SELECT * FROM ${this.table} WHERE owner_id = $1 AND status = 'ready' ORDER BY created_at`, [ownerId]);
  }

  async saveOutcome(p: VoiceProfile): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE ${this.table}
       SET status = $2, failure_reason = $3, updated_at = $4,
           mix_weights = $5::jsonb, embedding = $6, pitch_factor = $7, tempo = $8, spectral_gains_db = $9, statistics = $10,
           distance_before = $11, distance_after = $12, pitch_hz = $13, rendered_pitch_hz = $14
       WHERE id = $1 RETURNING id`,
      [p.id, p.status, p.failureReason, p.updatedAt, ...fitColumns(p)],
    );
    return rowsOf(result).length === 1;
  }

  async deleteVisible(
    id: string,
    requester: VoiceProfileRequester,
    events: (profile: VoiceProfile) => MessageEnvelope[],
  ): Promise<VoiceProfile | undefined> {
    const deleted = await this.deleteWhere(`id = $1 AND ${VISIBLE}`, [id, requester.user_id, requester.admin === true], events);
    return deleted[0];
  }

  deleteTrainedOnlyFrom(sampleId: string, ownerId: string, events: (profile: VoiceProfile) => MessageEnvelope[]): Promise<VoiceProfile[]> {
    return this.deleteWhere(`owner_id = $2 AND sample_ids = ARRAY[$1]::text[]`, [sampleId, ownerId], events);
  }

  private async deleteWhere(
    where: string,
    parameters: unknown[],
    events: (profile: VoiceProfile) => MessageEnvelope[],
  ): Promise<VoiceProfile[]> {
    const deleted = await this.dataSource.transaction(async (manager) => {
      const profiles = await this.select(`DELETE FROM ${this.table} WHERE ${where} RETURNING *`, parameters, manager);
      await this.outbox.add(manager, profiles.flatMap(events));
      return profiles;
    });
    if (deleted.length > 0) this.relay.notify();
    return deleted;
  }
}

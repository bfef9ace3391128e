import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AudioFormat, WordTimestampView } from '#contracts';
import { schemaOf } from '#persistence';

/** A stored output that an identical request of the same user may be answered with. */
export interface CachedSynthesis {
  userId: string;
  key: string;
  fileId: string;
  format: AudioFormat;
  sampleRate: number;
  duration: number;
  words: WordTimestampView[] | null;
  /** The file's own expiry; null when it does not expire. */
  expiresAt: Date | null;
}

interface CacheRow {
  file_id: string;
  format: AudioFormat;
  sample_rate: number;
  duration_seconds: number;
  words: WordTimestampView[] | null;
  expires_at: Date | null;
}

/**
 * Content-addressed outputs on the synthesis schema, per user (files belong to their owner, so one
 * user's audio is never served to another). An entry lives as long as its file: it is not found past
 * the file's expiry, and the caller forgets it when storage no longer has the file.
 */
@Injectable()
export class SynthesisCache {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = `"${schemaOf(dataSource)}".synthesis_cache`;
  }

  async find(userId: string, key: string, now = new Date()): Promise<CachedSynthesis | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT file_id, format, sample_rate, duration_seconds, words, expires_at FROM ${this.table}
       WHERE user_id = $1 AND cache_key = $2 AND (expires_at IS NULL OR expires_at > $3)`,
      [userId, key, now],
    )) as CacheRow[];
    const row = rows[0];
    if (!row) return undefined;
    return {
      userId,
      key,
      fileId: row.file_id,
      format: row.format,
      sampleRate: row.sample_rate,
      duration: row.duration_seconds,
      words: row.words,
      expiresAt: row.expires_at,
    };
  }

  /** Records (or replaces) the output of `key`, and drops the user's entries whose files have expired. */
  async remember(entry: CachedSynthesis, now = new Date()): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE user_id = $1 AND expires_at <= $2`, [entry.userId, now]);
    await this.dataSource.query(
      `INSERT INTO ${this.table} (user_id, cache_key, file_id, format, sample_rate, duration_seconds, words, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
       ON CONFLICT (user_id, cache_key) DO UPDATE SET file_id = EXCLUDED.file_id, format = EXCLUDED.format,
         sample_rate = EXCLUDED.sample_rate, duration_seconds = EXCLUDED.duration_seconds, words = EXCLUDED.words,
         expires_at = EXCLUDED.expires_at, created_at = now()`,
      [
        entry.userId,
        entry.key,
        entry.fileId,
        entry.format,
        entry.sampleRate,
        entry.duration,
        entry.words === null ? null : JSON.stringify(entry.words),
        entry.expiresAt,
      ],
    );
  }

  /** Drops an entry whose file is gone (only if it still points at that file). */
  async forget(userId: string, key: string, fileId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE user_id = $1 AND cache_key = $2 AND file_id = $3`, [userId, key, fileId]);
  }
}

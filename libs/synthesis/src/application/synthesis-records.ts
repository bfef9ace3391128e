import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { schemaOf } from '#persistence';

/** Which entry point produced a synthesis. */
export type SynthesisSource = 'sync' | 'async' | 'stream';

export interface SynthesisRecord {
  synthesisId: string;
  userId: string;
  source: SynthesisSource;
  characters: number;
  audioSeconds: number;
  /** Seconds of model inference; null when the output came from the cache. */
  inferenceSeconds: number | null;
  cached: boolean;
}

export interface SynthesisTotals {
  today: number;
  thisWeek: number;
  total: number;
  characters: number;
  audioSeconds: number;
  /** Inference seconds per audio second over every inferred synthesis; 0 before the first. */
  averageRtf: number;
  /** Share of all syntheses answered from the cache (0–1). */
  cacheHitRatio: number;
}

interface TotalsRow {
  today: string;
  this_week: string;
  total: string;
  characters: string | null;
  audio_seconds: number | null;
  inferred_audio_seconds: number | null;
  inference_seconds: number | null;
  cached: string;
}

/** One row per finished synthesis on the synthesis schema, summed up for the admin stats. */
@Injectable()
export class SynthesisRecords {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = `"${schemaOf(dataSource)}".synthesis_records`;
  }

  async record(record: SynthesisRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table} (synthesis_id, user_id, source, characters, audio_seconds, inference_seconds, cached)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (synthesis_id) DO NOTHING`,
      [record.synthesisId, record.userId, record.source, record.characters, record.audioSeconds, record.inferenceSeconds, record.cached],
    );
  }

  /** "Today" is the current UTC day; "this week" the last 7 days. */
  async totals(now = new Date()): Promise<SynthesisTotals> {
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const weekStart = new Date(now.getTime() - 7 * 86_400_000);
    const rows = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE created_at >= $1) AS today,
              count(*) FILTER (WHERE created_at >= $2) AS this_week,
              count(*) AS total,
              sum(characters) AS characters,
              sum(audio_seconds) AS audio_seconds,
              sum(audio_seconds) FILTER (WHERE inference_seconds IS NOT NULL) AS inferred_audio_seconds,
              sum(inference_seconds) AS inference_seconds,
              count(*) FILTER (WHERE cached) AS cached
       FROM ${this.table}`,
      [dayStart, weekStart],
    )) as TotalsRow[];
    const row = rows[0]!;
    const total = Number(row.total);
    const inferredAudio = row.inferred_audio_seconds ?? 0;
    return {
      today: Number(row.today),
      thisWeek: Number(row.this_week),
      total,
      characters: Number(row.characters ?? 0),
      audioSeconds: round(row.audio_seconds ?? 0, 1),
      averageRtf: inferredAudio > 0 ? round((row.inference_seconds ?? 0) / inferredAudio, 4) : 0,
      cacheHitRatio: total > 0 ? round(Number(row.cached) / total, 4) : 0,
    };
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

import type { VoiceSampleFormat, VoiceSampleStatus } from '#contracts';
import { VoiceSample, type VoiceSampleMetrics } from '../../domain/samples/index.js';

export interface VoiceSampleRow {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  language: string;
  status: VoiceSampleStatus;
  format: VoiceSampleFormat;
  duration_seconds: number;
  file_id: string;
  file_size: string | number;
  normalized_file_id: string | null;
  analysis_job_id: string | null;
  metrics: VoiceSampleMetrics | null;
  quality_score: number | null;
  rejection_reasons: string[];
  analyzed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function voiceSampleFromRow(row: VoiceSampleRow): VoiceSample {
  return VoiceSample.restore({
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    language: row.language,
    status: row.status,
    format: row.format,
    durationSeconds: Number(row.duration_seconds),
    fileId: row.file_id,
    fileSize: Number(row.file_size),
    normalizedFileId: row.normalized_file_id,
    analysisJobId: row.analysis_job_id,
    metrics: row.metrics,
    rejectionReasons: row.rejection_reasons,
    analyzedAt: row.analyzed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** Column values in the order of VOICE_SAMPLE_COLUMNS. */
export function voiceSampleValues(sample: VoiceSample): unknown[] {
  const p = sample.snapshot();
  return [
    p.id,
    p.ownerId,
    p.name,
    p.description,
    p.language,
    p.status,
    p.format,
    p.durationSeconds,
    p.fileId,
    p.fileSize,
    p.normalizedFileId,
    p.analysisJobId,
    p.metrics === null ? null : JSON.stringify(p.metrics),
    p.metrics?.qualityScore ?? null,
    JSON.stringify(p.rejectionReasons),
    p.analyzedAt,
    p.createdAt,
    p.updatedAt,
  ];
}

export const VOICE_SAMPLE_COLUMNS = [
  'id',
  'owner_id',
  'name',
  'description',
  'language',
  'status',
  'format',
  'duration_seconds',
  'file_id',
  'file_size',
  'normalized_file_id',
  'analysis_job_id',
  'metrics',
  'quality_score',
  'rejection_reasons',
  'analyzed_at',
  'created_at',
  'updated_at',
] as const;

import type { TrainingConfig, VoiceProfileStatus } from '#contracts';
import type { VoiceProfile } from '../../domain/voice-profile/voice-profile.js';

/** A `voice_profiles` row as node-postgres returns it. */
export interface VoiceProfileRow {
  id: string;
  owner_id: string;
  name: string;
  status: VoiceProfileStatus;
  base_voice: string;
  language: string;
  sample_ids: string[];
  training_job_id: string | null;
  config: TrainingConfig;
  consent_by: string;
  consent_at: Date;
  mix_weights: Record<string, number> | null;
  embedding: number[] | null;
  pitch_factor: number | null;
  tempo: number | null;
  spectral_gains_db: number[] | null;
  statistics: number[] | null;
  distance_before: number | null;
  distance_after: number | null;
  pitch_hz: number | null;
  rendered_pitch_hz: number | null;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const numbers = (values: ReadonlyArray<number | string> | null): number[] | null => (values ? values.map(Number) : null);

export function voiceProfileFromRow(row: VoiceProfileRow): VoiceProfile {
  const ready = row.status === 'ready' && row.pitch_factor !== null;
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    status: row.status,
    baseVoice: row.base_voice,
    language: row.language,
    sampleIds: row.sample_ids,
    trainingJobId: row.training_job_id,
    config: row.config,
    consent: { givenBy: row.consent_by, givenAt: new Date(row.consent_at) },
    fit: ready
      ? {
          mixWeights: row.mix_weights,
          embedding: numbers(row.embedding),
          pitchFactor: Number(row.pitch_factor),
          tempo: Number(row.tempo ?? 1),
          spectralGainsDb: numbers(row.spectral_gains_db) ?? [],
          statistics: numbers(row.statistics) ?? [],
          distanceBefore: Number(row.distance_before),
          distanceAfter: Number(row.distance_after),
          targetPitchHz: row.pitch_hz === null ? null : Number(row.pitch_hz),
          renderedPitchHz: row.rendered_pitch_hz === null ? null : Number(row.rendered_pitch_hz),
        }
      : null,
    failureReason: row.failure_reason,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The fit's columns in table order, for an UPDATE. */
export function fitColumns(profile: VoiceProfile): unknown[] {
  const fit = profile.fit;
  return [
    fit ? JSON.stringify(fit.mixWeights) : null,
    fit?.embedding ?? null,
    fit?.pitchFactor ?? null,
    fit?.tempo ?? null,
    fit?.spectralGainsDb ?? null,
    fit?.statistics ?? null,
    fit?.distanceBefore ?? null,
    fit?.distanceAfter ?? null,
    fit?.targetPitchHz ?? null,
    fit?.renderedPitchHz ?? null,
  ];
}

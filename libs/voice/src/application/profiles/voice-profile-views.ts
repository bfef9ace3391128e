import type { VoiceProfileView } from '#contracts';
import type { VoiceProfile } from '../../domain/voice-profile/voice-profile.js';

const round = (value: number | null | undefined, digits = 4): number | null =>
  value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export function toVoiceProfileView(profile: VoiceProfile): VoiceProfileView {
  const fit = profile.fit;
  return {
    voice_id: profile.id,
    kind: 'profile',
    name: profile.name,
    status: profile.status,
    base_voice: profile.baseVoice,
    language: profile.language,
    sample_ids: profile.sampleIds,
    training_job_id: profile.trainingJobId,
    metrics: {
      distance_before: round(fit?.distanceBefore),
      distance_after: round(fit?.distanceAfter),
      pitch_hz: round(fit?.targetPitchHz, 1),
      rendered_pitch_hz: round(fit?.renderedPitchHz, 1),
    },
    mix_weights: fit?.mixWeights ?? null,
    pitch_factor: round(fit?.pitchFactor),
    tempo: round(fit?.tempo),
    spectral_gains_db: fit?.spectralGainsDb ?? null,
    failure_reason: profile.failureReason,
    consent: { given_by: profile.consent.givenBy, given_at: profile.consent.givenAt.toISOString() },
    created_at: profile.createdAt.toISOString(),
    updated_at: profile.updatedAt.toISOString(),
  };
}

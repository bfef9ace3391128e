/** Wire shapes of voice profiles (snake_case, as the REST API shows them). */

export const VOICE_PROFILE_STATUSES = ['training', 'ready', 'failed'] as const;
export type VoiceProfileStatus = (typeof VOICE_PROFILE_STATUSES)[number];

/** What training asks for; the optimiser reads `learning_rate` as its step size and `batch_size` as candidates per step. */
export interface TrainingConfig {
  epochs: number;
  learning_rate: number;
  batch_size: number;
}

/** How well the fitted voice matches its samples: speaker distances before (nearest built-in speaker) and after. */
export interface VoiceProfileMetrics {
  distance_before: number | null;
  distance_after: number | null;
  /** Median pitch of the samples (the target), Hz. */
  pitch_hz: number | null;
  /** Median pitch the profile renders with, Hz. */
  rendered_pitch_hz: number | null;
}

/** A point of the base voice's speaker space: convex weights of its built-in speakers, or a raw embedding. */
export interface SpeakerPoint {
  mix_weights: Record<string, number> | null;
  embedding: number[] | null;
}

export interface VoiceProfileView {
  voice_id: string;
  kind: 'profile';
  name: string;
  status: VoiceProfileStatus;
  base_voice: string;
  language: string;
  sample_ids: string[];
  training_job_id: string | null;
  metrics: VoiceProfileMetrics;
  mix_weights: Record<string, number> | null;
  pitch_factor: number | null;
  tempo: number | null;
  spectral_gains_db: number[] | null;
  failure_reason: string | null;
  consent: { given_by: string; given_at: string };
  created_at: string;
  updated_at: string;
}

/** What synthesis needs to speak with a ready profile. */
export interface ResolvedVoiceProfile extends SpeakerPoint {
  profile_id: string;
  base_voice: string;
  pitch_factor: number;
  tempo: number;
  spectral_gains_db: number[];
}

export interface SimilarVoiceView {
  voice_id: string;
  kind: 'builtin' | 'profile';
  name: string;
  /** Speaker distance between the statistics vectors (0 = identical). */
  distance: number;
}

export interface TrainingAcceptedView {
  training_job_id: string;
  /** Seconds. */
  estimated_duration: number;
  status: 'pending';
  voice_id: string;
}

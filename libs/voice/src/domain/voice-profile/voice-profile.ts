import type { TrainingConfig, VoiceProfileStatus } from '#contracts';

/** Who agreed to the training and when (the speaker's consent, as the caller stated it). */
export interface TrainingConsent {
  givenBy: string;
  givenAt: Date;
}

/** What a finished fit produced: a speaker point of the base voice plus the after-synthesis corrections. */
export interface FittedVoice {
  mixWeights: Record<string, number> | null;
  embedding: number[] | null;
  pitchFactor: number;
  tempo: number;
  spectralGainsDb: number[];
  /** The speaker statistics of the fitted voice as rendered (what similarity compares). */
  statistics: number[];
  distanceBefore: number;
  distanceAfter: number;
  targetPitchHz: number | null;
  renderedPitchHz: number | null;
}

/** A user's voice: trained from their samples on a base voice, usable as a synthesis `voice_id`. */
export interface VoiceProfile {
  id: string;
  ownerId: string;
  name: string;
  status: VoiceProfileStatus;
  baseVoice: string;
  language: string;
  sampleIds: string[];
  trainingJobId: string | null;
  config: TrainingConfig;
  consent: TrainingConsent;
  fit: FittedVoice | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function newVoiceProfile(
  fields: Omit<VoiceProfile, 'status' | 'fit' | 'failureReason' | 'createdAt' | 'updatedAt'>,
  now: Date,
): VoiceProfile {
  if (fields.sampleIds.length === 0) throw new Error('A voice profile is trained from at least one sample');
  return { ...fields, status: 'training', fit: null, failureReason: null, createdAt: now, updatedAt: now };
}

export function completeTraining(profile: VoiceProfile, fit: FittedVoice, now: Date): VoiceProfile {
  return { ...profile, status: 'ready', fit, failureReason: null, updatedAt: now };
}

export function failTraining(profile: VoiceProfile, reason: string, now: Date): VoiceProfile {
  return { ...profile, status: 'failed', failureReason: reason, updatedAt: now };
}

/** Owners see their own profiles; admins see every profile. */
export function profileVisibleTo(profile: VoiceProfile, requester: { user_id: string; admin?: boolean }): boolean {
  return requester.admin === true || profile.ownerId === requester.user_id;
}

import { defineCommand, defineEvent, defineQuery } from '../messages/message-definitions.js';
import type {
  ResolvedVoiceProfile,
  SimilarVoiceView,
  TrainingAcceptedView,
  TrainingConfig,
  VoiceProfileView,
} from './voice-profile.views.js';

/** Who asks: the owner, or an admin who sees every profile. */
export interface VoiceProfileRequester {
  user_id: string;
  admin?: boolean;
}

/**
 * Starts a `voice_training` job that fits a profile to the caller's ready samples. Errors:
 * VALIDATION_ERROR, CONSENT_REQUIRED, VOICE_SAMPLE_NOT_FOUND, SAMPLE_NOT_READY.
 */
export const TrainVoiceProfileCommand = defineCommand<
  VoiceProfileRequester & {
    sample_id: string;
    sample_ids?: string[];
    name?: string;
    consent: boolean;
    config?: Partial<TrainingConfig>;
  },
  TrainingAcceptedView
>('voice', 'voice.profile.train');

export const ListVoiceProfilesQuery = defineQuery<
  VoiceProfileRequester & { offset: number; limit: number },
  { profiles: VoiceProfileView[]; total: number }
>('voice', 'voice.profile.list');

/** Errors: VOICE_PROFILE_NOT_FOUND (also for another user's profile). */
export const GetVoiceProfileQuery = defineQuery<VoiceProfileRequester & { profile_id: string }, VoiceProfileView>(
  'voice',
  'voice.profile.get',
);

/** Errors: VOICE_PROFILE_NOT_FOUND. A profile still training has its job cancelled. */
export const DeleteVoiceProfileCommand = defineCommand<VoiceProfileRequester & { profile_id: string }, void>(
  'voice',
  'voice.profile.delete',
);

/** The speaker point and corrections of a ready profile for synthesis. Errors: VOICE_PROFILE_NOT_FOUND, VOICE_PROFILE_NOT_READY. */
export const ResolveVoiceProfileQuery = defineQuery<{ profile_id: string; user_id: string }, ResolvedVoiceProfile>(
  'voice',
  'voice.profile.resolve',
);

/**
 * The voices nearest to `voice_id` (a built-in `voice:speaker` or one of the caller's profiles) by the
 * speaker distance of their statistics. Errors: VOICE_NOT_FOUND, VOICE_PROFILE_NOT_FOUND.
 */
export const FindSimilarVoicesQuery = defineQuery<
  VoiceProfileRequester & { voice_id: string; limit: number },
  { voice_id: string; voices: SimilarVoiceView[] }
>('voice', 'voice.profile.similar');

export const VoiceProfileDeletedEvent = defineEvent<{ profile_id: string; owner_id: string; deleted_at: string }>(
  'voice',
  'voice.profile.deleted',
);

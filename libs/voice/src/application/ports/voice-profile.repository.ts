import type { MessageEnvelope } from '#contracts';
import type { VoiceProfile } from '../../domain/voice-profile/voice-profile.js';

export interface VoiceProfileRequester {
  user_id: string;
  admin?: boolean;
}

/**
 * Voice profiles on the voice schema. Every read a user can reach is scoped to the owner here (an
 * admin sees all), so a foreign id looks exactly like a missing one.
 */
export abstract class VoiceProfileRepository {
  abstract insert(profile: VoiceProfile): Promise<void>;
  /** By id without an owner check: for the service's own jobs, never for a user's request. */
  abstract findById(id: string): Promise<VoiceProfile | undefined>;
  abstract findVisible(id: string, requester: VoiceProfileRequester): Promise<VoiceProfile | undefined>;
  abstract listVisible(
    requester: VoiceProfileRequester,
    offset: number,
    limit: number,
  ): Promise<{ profiles: VoiceProfile[]; total: number }>;
  /** The owner's ready profiles (what similarity compares against). */
  abstract listReady(ownerId: string): Promise<VoiceProfile[]>;
  /** Saves status, fit and failure; false when the profile is gone (deleted while training). */
  abstract saveOutcome(profile: VoiceProfile): Promise<boolean>;
  /** Deletes a visible profile and records `events` with it; undefined when there was none. */
  abstract deleteVisible(
    id: string,
    requester: VoiceProfileRequester,
    events: (profile: VoiceProfile) => MessageEnvelope[],
  ): Promise<VoiceProfile | undefined>;
  /** Deletes the owner's profiles whose only sample was `sampleId`. */
  abstract deleteTrainedOnlyFrom(
    sampleId: string,
    ownerId: string,
    events: (profile: VoiceProfile) => MessageEnvelope[],
  ): Promise<VoiceProfile[]>;
}

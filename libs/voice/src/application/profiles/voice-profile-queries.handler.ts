import { Injectable } from '@nestjs/common';
import {
  GetVoiceProfileQuery,
  ListVoiceProfilesQuery,
  ResolveVoiceProfileQuery,
  type PayloadOf,
  type ResolvedVoiceProfile,
  type ResultOf,
  type VoiceProfileView,
} from '#contracts';
import { HandleMessage } from '#messaging';
import { VoiceProfileRepository } from '../ports/voice-profile.repository.js';
import { voiceProfileErrors } from './voice-profile-errors.js';
import { toVoiceProfileView } from './voice-profile-views.js';

/** Reads of profiles: one, a page of the caller's, and what synthesis needs to speak with one. */
@Injectable()
export class VoiceProfileQueriesHandler {
  constructor(private readonly profiles: VoiceProfileRepository) {}

  @HandleMessage(GetVoiceProfileQuery)
  async get(payload: PayloadOf<typeof GetVoiceProfileQuery>): Promise<VoiceProfileView> {
    const profile = await this.profiles.findVisible(String(payload.profile_id), payload);
    if (!profile) throw voiceProfileErrors.notFound(String(payload.profile_id));
    return toVoiceProfileView(profile);
  }

  @HandleMessage(ListVoiceProfilesQuery)
  async list(payload: PayloadOf<typeof ListVoiceProfilesQuery>): Promise<ResultOf<typeof ListVoiceProfilesQuery>> {
    const offset = Math.max(0, Math.floor(Number(payload.offset) || 0));
    const limit = Math.min(100, Math.max(0, Math.floor(Number(payload.limit) || 0)));
    const { profiles, total } = await this.profiles.listVisible(payload, offset, limit);
    return { profiles: profiles.map(toVoiceProfileView), total };
  }

  /** Only the owner may speak with a profile (admins included: it is someone's voice). */
  @HandleMessage(ResolveVoiceProfileQuery)
  async resolve(payload: PayloadOf<typeof ResolveVoiceProfileQuery>): Promise<ResolvedVoiceProfile> {
    const profile = await this.profiles.findVisible(String(payload.profile_id), { user_id: payload.user_id });
    if (!profile) throw voiceProfileErrors.notFound(String(payload.profile_id));
    if (profile.status !== 'ready' || !profile.fit) throw voiceProfileErrors.notReady(profile.id, profile.status);
    return {
      profile_id: profile.id,
      base_voice: profile.baseVoice,
      mix_weights: profile.fit.mixWeights,
      embedding: profile.fit.embedding,
      pitch_factor: profile.fit.pitchFactor,
      tempo: profile.fit.tempo,
      spectral_gains_db: profile.fit.spectralGainsDb,
    };
  }
}

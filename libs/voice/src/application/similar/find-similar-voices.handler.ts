import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  FindSimilarVoicesQuery,
  hasPrefix,
  IdPrefix,
  SynthesisErrorCode,
  type PayloadOf,
  type ResultOf,
  type SimilarVoiceView,
} from '#contracts';
import { HandleMessage } from '#messaging';
import { ProfileBuiltinSpeakers } from '../fitter/profile-builtin-speakers.js';
import { CandidateRenderer } from '../ports/fitter-candidate-renderer.js';
import { FitterSpeechMeter } from '../ports/fitter-speech-meter.js';
import { VoiceProfileRepository } from '../ports/voice-profile.repository.js';
import { voiceProfileErrors } from '../profiles/voice-profile-errors.js';

export const MAX_SIMILAR_VOICES = 50;

/**
 * The voices nearest to one voice by the speaker distance of their statistics vectors: the base
 * voice's built-in speakers (measured once per process) and the caller's own ready profiles.
 */
@Injectable()
export class FindSimilarVoicesHandler {
  constructor(
    private readonly profiles: VoiceProfileRepository,
    private readonly builtins: ProfileBuiltinSpeakers,
    private readonly renderer: CandidateRenderer,
    private readonly meter: FitterSpeechMeter,
  ) {}

  @HandleMessage(FindSimilarVoicesQuery)
  async execute(payload: PayloadOf<typeof FindSimilarVoicesQuery>): Promise<ResultOf<typeof FindSimilarVoicesQuery>> {
    const voiceId = String(payload.voice_id);
    const limit = Math.min(MAX_SIMILAR_VOICES, Math.max(1, Math.floor(Number(payload.limit) || 10)));
    const { voice } = await this.renderer.baseVoice();
    const builtins = await this.builtins.of(voice);
    const own = await this.profiles.listReady(payload.user_id);
    const candidates: Array<Omit<SimilarVoiceView, 'distance'> & { statistics: number[] }> = [
      ...builtins.map((builtin) => ({
        voice_id: builtin.voiceId,
        kind: 'builtin' as const,
        name: builtin.voiceId,
        statistics: builtin.measurement.statistics,
      })),
      ...own.map((profile) => ({
        voice_id: profile.id,
        kind: 'profile' as const,
        name: profile.name,
        statistics: profile.fit!.statistics,
      })),
    ];

    let origin: number[];
    if (hasPrefix(voiceId, IdPrefix.voiceProfile)) {
      const profile = await this.profiles.findVisible(voiceId, payload);
      if (!profile) throw voiceProfileErrors.notFound(voiceId);
      if (!profile.fit) throw voiceProfileErrors.notReady(profile.id, profile.status);
      origin = profile.fit.statistics;
    } else {
      const builtin = builtins.find(
        (candidate) => candidate.voiceId === voiceId || (candidate.voiceId === `${voice}:${builtins[0]?.speaker}` && voiceId === voice),
      );
      if (!builtin)
        throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, `No voice ${voiceId} to compare; see GET /api/v1/voices`);
      origin = builtin.measurement.statistics;
    }

    const voices = candidates
      .filter((candidate) => candidate.voice_id !== voiceId && candidate.statistics.length === origin.length)
      .map(({ statistics, ...view }) => ({ ...view, distance: Math.round(this.meter.distance(origin, statistics) * 1e4) / 1e4 }))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, limit);
    return { voice_id: voiceId, voices };
  }
}

import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  ErrorCode,
  ResolveVoiceProfileQuery,
  SynthesisErrorCode,
  VoiceProfileDeletedEvent,
  VoiceProfileErrorCode,
  type PayloadOf,
  type SpeakerPoint,
} from '#contracts';
import { MessageBus, OnEvent } from '#messaging';
import { SpeechEngine, UnknownVoiceError, type CustomSpeaker } from '../engine/speech-engine.js';

/** A user's voice profile as the engine speaks it: the base voice, its speaker point and the corrections. */
export interface ProfileVoice {
  profileId: string;
  /** The base voice's id, as the engine resolves it. */
  voiceId: string;
  speaker: CustomSpeaker;
  pitchFactor: number;
  tempo: number;
}

/** Profiles are immutable once ready; a short cache spares the voice service one query per sentence. */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX_ENTRIES = 1000;

/**
 * Turns a `vp_…` voice id into engine settings by asking the voice service (`voice.profile.resolve`),
 * for the owner only: another user's profile, a deleted or an unfinished one is VOICE_NOT_FOUND here.
 */
@Injectable()
export class VoiceProfileResolver {
  private readonly cache = new Map<string, { expires: number; voice: Promise<ProfileVoice> }>();

  constructor(
    private readonly bus: MessageBus,
    private readonly engine: SpeechEngine,
  ) {}

  resolve(profileId: string, userId: string): Promise<ProfileVoice> {
    const key = `${userId}\u0000${profileId}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.expires > now) return cached.voice;
    const voice = this.fetch(profileId, userId);
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { expires: now + CACHE_TTL_MS, voice });
    voice.catch(() => this.cache.delete(key));
    return voice;
  }

  @OnEvent(VoiceProfileDeletedEvent, { scope: 'instance' })
  async forget(payload: PayloadOf<typeof VoiceProfileDeletedEvent>): Promise<void> {
    for (const key of [...this.cache.keys()]) if (key.endsWith(`\u0000${payload.profile_id}`)) this.cache.delete(key);
  }

  private async fetch(profileId: string, userId: string): Promise<ProfileVoice> {
    const profile = await this.bus.query(ResolveVoiceProfileQuery, { profile_id: profileId, user_id: userId }).catch((error: unknown) => {
      const code = error instanceof ApplicationError ? error.code : undefined;
      if (code === VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND || code === VoiceProfileErrorCode.VOICE_PROFILE_NOT_READY) {
        throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, `No voice ${profileId}; see GET /api/v1/voices`);
      }
      throw error;
    });
    return {
      profileId,
      voiceId: profile.base_voice,
      speaker: {
        embedding: speakerPointEmbedding(this.engine, profile.base_voice, profile),
        ...(profile.spectral_gains_db.length > 0 ? { spectralGainsDb: profile.spectral_gains_db } : {}),
      },
      pitchFactor: profile.pitch_factor,
      tempo: profile.tempo,
    };
  }
}

/**
 * The speaker vector of a point of `voice`'s speaker space: Σ wₖ·rowₖ for mixing weights (which must name
 * the voice's speakers and are normalised to sum to 1), or a raw embedding of the table's width.
 */
export function speakerPointEmbedding(engine: SpeechEngine, voice: string, point: Partial<SpeakerPoint>): Float32Array {
  let table: ReadonlyMap<string, Float32Array>;
  try {
    table = engine.embeddingTable(voice);
  } catch (error) {
    if (error instanceof UnknownVoiceError)
      throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, `Voice ${voice} has no speaker table`);
    throw error;
  }
  const width = table.values().next().value!.length;
  if (point.embedding) {
    if (point.embedding.length !== width || !point.embedding.every(Number.isFinite))
      throw invalid('embedding', `must be ${width} finite numbers`);
    return Float32Array.from(point.embedding);
  }
  const weights = Object.entries(point.mix_weights ?? {});
  const sum = weights.reduce((total, [, weight]) => total + weight, 0);
  if (weights.length === 0 || weights.some(([, weight]) => !(Number.isFinite(weight) && weight >= 0)) || !(sum > 0)) {
    throw invalid('mix_weights', 'must give non-negative weights to one or more speakers');
  }
  const embedding = new Float32Array(width);
  for (const [speaker, weight] of weights) {
    const row = table.get(speaker);
    if (!row) throw invalid('mix_weights', `${voice} has no speaker ${speaker}`);
    for (let i = 0; i < width; i++) embedding[i]! += (weight / sum) * row[i]!;
  }
  return embedding;
}

function invalid(field: string, message: string): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, `${field} ${message}`, [{ field, messages: [message] }]);
}

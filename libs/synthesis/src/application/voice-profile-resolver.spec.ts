import { ApplicationError, ErrorCode, SynthesisErrorCode, VoiceProfileErrorCode, type ResolvedVoiceProfile } from '#contracts';
import type { MessageBus } from '#messaging';
import { UnknownVoiceError, type SpeechEngine } from '../engine/speech-engine.js';
import { resolveSynthesisRequest } from './synthesis-request.js';
import { speakerPointEmbedding, VoiceProfileResolver } from './voice-profile-resolver.js';

const TABLE = new Map([
  ['a', Float32Array.from([1, 0, 0])],
  ['b', Float32Array.from([0, 2, 0])],
]);

/** Just what resolution needs of the engine: one voice with a speaker table. */
const engine = {
  voices: [],
  embeddingTable: (voice: string) => {
    if (voice !== 'base') throw new UnknownVoiceError(voice);
    return TABLE;
  },
  resolve: (voiceId: string) => {
    if (voiceId !== 'base') throw new UnknownVoiceError(voiceId);
    return {};
  },
} as unknown as SpeechEngine;

const PROFILE: ResolvedVoiceProfile = {
  profile_id: 'vp_mine',
  base_voice: 'base',
  mix_weights: { a: 0.75, b: 0.25 },
  embedding: null,
  pitch_factor: 1.5,
  tempo: 1.1,
  spectral_gains_db: [1, -1],
};

function fakeBus(): { bus: MessageBus; queries: Array<{ profile_id: string; user_id: string }> } {
  const queries: Array<{ profile_id: string; user_id: string }> = [];
  const bus = {
    query: async (_definition: unknown, payload: { profile_id: string; user_id: string }) => {
      queries.push(payload);
      if (payload.profile_id === 'vp_mine' && payload.user_id === 'usr_owner') return PROFILE;
      throw new ApplicationError(VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND, 'not found');
    },
  } as unknown as MessageBus;
  return { bus, queries };
}

const codeOf = (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof ApplicationError ? error.code : String(error)),
  );

describe('speakerPointEmbedding', () => {
  it('mixes the table rows by the normalised weights', () => {
    expect(Array.from(speakerPointEmbedding(engine, 'base', { mix_weights: { a: 3, b: 1 } }))).toEqual([0.75, 0.5, 0]);
    expect(Array.from(speakerPointEmbedding(engine, 'base', { embedding: [1, 2, 3] }))).toEqual([1, 2, 3]);
  });

  it('refuses unknown speakers, negative or no weights, a wrong width, and voices without a table', () => {
    const code = (run: () => unknown): string | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return (error as ApplicationError).code;
      }
    };
    expect(code(() => speakerPointEmbedding(engine, 'base', { mix_weights: { c: 1 } }))).toBe(ErrorCode.VALIDATION_ERROR);
    expect(code(() => speakerPointEmbedding(engine, 'base', { mix_weights: { a: -1, b: 2 } }))).toBe(ErrorCode.VALIDATION_ERROR);
    expect(code(() => speakerPointEmbedding(engine, 'base', { mix_weights: {} }))).toBe(ErrorCode.VALIDATION_ERROR);
    expect(code(() => speakerPointEmbedding(engine, 'base', { embedding: [1, 2] }))).toBe(ErrorCode.VALIDATION_ERROR);
    expect(code(() => speakerPointEmbedding(engine, 'other', { mix_weights: { a: 1 } }))).toBe(SynthesisErrorCode.VOICE_NOT_FOUND);
  });
});

describe('resolveSynthesisRequest with voice profiles', () => {
  it("speaks the owner's profile on its base voice, its pitch and tempo multiplying the request's", async () => {
    const { bus } = fakeBus();
    const request = await resolveSynthesisRequest(
      { user_id: 'usr_owner', text: 'Hello.', voice_id: 'vp_mine', config: { pitch: 1.2, speed: 1 } },
      engine,
      100,
      new VoiceProfileResolver(bus, engine),
    );
    expect(request).toMatchObject({ voiceId: 'base', voiceProfileId: 'vp_mine', speed: 1.1 });
    expect(request.pitch).toBeCloseTo(1.8, 9);
    expect(Array.from(request.speaker!.embedding)).toEqual([0.75, 0.5, 0]);
    expect(request.speaker!.spectralGainsDb).toEqual([1, -1]);
    // Pitch and speed stay in their ranges whatever the product.
    const capped = await resolveSynthesisRequest(
      { user_id: 'usr_owner', text: 'Hello.', voice_id: 'vp_mine', config: { pitch: 2, speed: 4 } },
      engine,
      100,
      new VoiceProfileResolver(bus, engine),
    );
    expect({ pitch: capped.pitch, speed: capped.speed }).toEqual({ pitch: 2, speed: 4 });
  });

  it("answers VOICE_NOT_FOUND for another user's profile and for malformed profile ids", async () => {
    const { bus } = fakeBus();
    const resolver = new VoiceProfileResolver(bus, engine);
    const asked = (user_id: string, voice_id: string) =>
      codeOf(resolveSynthesisRequest({ user_id, text: 'Hi.', voice_id }, engine, 100, resolver));
    expect(await asked('usr_other', 'vp_mine')).toBe(SynthesisErrorCode.VOICE_NOT_FOUND);
    expect(await asked('usr_owner', 'vp_')).toBe(SynthesisErrorCode.VOICE_NOT_FOUND);
    expect(await asked('usr_owner', 'vp_UPPER')).toBe(SynthesisErrorCode.VOICE_NOT_FOUND);
  });

  it('asks the voice service once per owner and profile while cached, and again after the profile was deleted', async () => {
    const { bus, queries } = fakeBus();
    const resolver = new VoiceProfileResolver(bus, engine);
    await resolver.resolve('vp_mine', 'usr_owner');
    await resolver.resolve('vp_mine', 'usr_owner');
    expect(queries).toHaveLength(1);
    await codeOf(resolver.resolve('vp_mine', 'usr_other'));
    expect(queries).toHaveLength(2);
    await resolver.forget({ profile_id: 'vp_mine', owner_id: 'usr_owner', deleted_at: new Date().toISOString() });
    await resolver.resolve('vp_mine', 'usr_owner');
    expect(queries).toHaveLength(3);
  });
});

/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { resolve } from 'node:path';
import { jest } from '@jest/globals';
import type { MessageBus } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { EspeakPhonemizer } from '../engine/espeak-phonemizer.js';
import { SpeechEngine } from '../engine/speech-engine.js';
import { VoiceCatalog } from '../engine/voice-catalog.js';
import { BoundedQueue } from './bounded-queue.js';
import type { LexiconProvider } from './lexicon/lexicon.provider.js';
import { PlanSynthesisHandler } from './plan-synthesis.handler.js';
import { RenderSentenceHandler } from './render-sentence.handler.js';
import type { SynthesisQuota } from './synthesis-quota.js';
import { VoiceProfileResolver } from './voice-profile-resolver.js';

const TEXT = 'Streaming starts with the first sentence. Then comes 2 more words.';

describe('PlanSynthesisHandler and RenderSentenceHandler', () => {
  let catalog: VoiceCatalog;
  let engine: SpeechEngine;
  let charge: jest.Mock<(userId: string) => Promise<void>>;
  let planner: PlanSynthesisHandler;
  let renderer: RenderSentenceHandler;

  beforeAll(async () => {
    catalog = await VoiceCatalog.load(resolve(process.cwd(), 'models'), { threads: 2, provider: 'cpu' });
    engine = new SpeechEngine(catalog, new EspeakPhonemizer());
    await engine.warm();
  }, 60_000);

  afterAll(() => catalog.close());

  beforeEach(() => {
    const platform = new PlatformConfigProvider({} as MessageBus, null, null);
    charge = jest.fn(async () => undefined);
    const quota = { charge } as unknown as SynthesisQuota;
    const lexicons = { forUser: async () => undefined } as unknown as LexiconProvider;
    const profiles = new VoiceProfileResolver({} as MessageBus, engine);
    planner = new PlanSynthesisHandler(engine, platform, quota, lexicons, profiles);
    renderer = new RenderSentenceHandler(engine, new BoundedQueue(4), platform, profiles);
  });

  it('plans the sentences with the resolved voice and output rate, charging one synthesis', async () => {
    const plan = await planner.execute({ user_id: 'usr_1', text: TEXT, config: { output_format: 'mp3' } });

    expect(plan.synthesis_id).toMatch(/^syn_/);
    expect(plan).toMatchObject({ voice_id: 'en_US-voxify-low:slt', sample_rate: 16000, format: 'mp3' });
    expect(plan.sentences.map((sentence) => sentence.text)).toEqual([
      'Streaming starts with the first sentence.',
      'Then comes two more words.',
    ]);
    expect(plan.sentences.map((sentence) => sentence.index)).toEqual([0, 1]);
    expect(plan.estimated_duration).toBeGreaterThan(2);
    expect(plan.estimated_duration).toBeLessThan(10);
    expect(charge).toHaveBeenCalledWith('usr_1');
  });

  it.each([
    [{ text: '   ' }, 'VALIDATION_ERROR'],
    [{ text: 'Hi.', voice_id: 'nobody' }, 'VOICE_NOT_FOUND'],
    [{ text: 'Hi.', config: { sample_rate: 12345 } }, 'UNSUPPORTED_SAMPLE_RATE'],
  ])('refuses %j with %s before charging', async (input, code) => {
    await expect(planner.execute({ user_id: 'usr_1', ...input })).rejects.toMatchObject({ code });
    expect(charge).not.toHaveBeenCalled();
  });

  it('renders one planned sentence as s16le PCM at the requested rate with its word times', async () => {
    const plan = await planner.execute({ user_id: 'usr_1', text: TEXT });
    const quiet = await renderer.execute({
      voice_id: plan.voice_id,
      sentence: plan.sentences[1]!,
      config: { sample_rate: 24000, volume: 0.5 },
    });
    const loud = await renderer.execute({ voice_id: plan.voice_id, sentence: plan.sentences[1]!, config: { sample_rate: 24000 } });

    expect(quiet).toMatchObject({ index: 1, sample_rate: 24000, pause_after: 0.25 });
    const pcm = Buffer.from(quiet.audio, 'base64');
    expect(pcm.length).toBe(Math.round(quiet.duration * 24000) * 2);
    expect(quiet.duration).toBeGreaterThan(0.8);
    expect(quiet.words!.map((word) => word.word.toLowerCase())).toEqual(['then', 'comes', 'two', 'more', 'words']);
    const peak = (audio: string) => {
      const bytes = Buffer.from(audio, 'base64');
      let max = 0;
      for (let i = 0; i < bytes.length; i += 2) max = Math.max(max, Math.abs(bytes.readInt16LE(i)));
      return max;
    };
    expect(peak(quiet.audio) / peak(loud.audio)).toBeCloseTo(0.5, 1);
  });

  it('refuses a sentence that is not a plan and settings out of range', async () => {
    const sentence = { index: 0, text: 'Hello.', pauseAfter: 0.25 };
    await expect(renderer.execute({ voice_id: 'nobody', sentence, config: {} })).rejects.toMatchObject({ code: 'VOICE_NOT_FOUND' });
    await expect(renderer.execute({ voice_id: 'en_US-voxify-low:slt', sentence, config: { speed: 9 } })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    const broken = { index: 0, text: 'Hello.' } as unknown as typeof sentence;
    await expect(renderer.execute({ voice_id: 'en_US-voxify-low:slt', sentence: broken, config: {} })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});

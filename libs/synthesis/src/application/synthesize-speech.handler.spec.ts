/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { buffer } from 'node:stream/consumers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jest } from '@jest/globals';
import { register } from 'prom-client';
import { medianPitch, trackPitch } from '#audio';
import type { DataSource } from 'typeorm';
import {
  ApplicationError,
  GetStoredFileQuery,
  RegisterStoredFileCommand,
  UNSET_PLATFORM_CONFIG,
  type AudioFormat,
  type StoredFileView,
} from '#contracts';
import type { MessageBus } from '#messaging';
import { createServiceDataSource, runServiceMigrations, serviceFoundationMigration } from '#persistence';
import { PlatformConfigProvider } from '#service-runtime';
import { LocalFileBlobStore, SignedUrlSigner } from '#storage';
import { cleanUp, TEST_DATABASE_URL, uniqueTestService } from '../../../persistence/src/testing/test-database.js';
import { EspeakPhonemizer } from '../engine/espeak-phonemizer.js';
import { SpeechEngine } from '../engine/speech-engine.js';
import { VoiceCatalog } from '../engine/voice-catalog.js';
import { SynthesisCacheAndRecords1764150000000 } from '../infrastructure/migrations/synthesis-cache-and-records.migration.js';
import { SynthesisUsage1764100000000 } from '../infrastructure/migrations/synthesis-usage.migration.js';
import type { Lexicon } from '../text/lexicon.js';
import { BoundedQueue } from './bounded-queue.js';
import type { LexiconProvider } from './lexicon/lexicon.provider.js';
import { ListVoicesHandler } from './list-voices.handler.js';
import { SynthesisCache } from './synthesis-cache.js';
import { SynthesisMetrics } from './synthesis-metrics.js';
import type { SynthesisModuleOptions } from './synthesis-options.js';
import { SynthesisQuota } from './synthesis-quota.js';
import { SynthesisRecords } from './synthesis-records.js';
import { SynthesisStatsHandler } from './synthesis-stats.handler.js';
import { SynthesizeSpeechHandler } from './synthesize-speech.handler.js';
import { VoiceProfileResolver } from './voice-profile-resolver.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const DAILY_SYNTHESES = 50;

interface Registration {
  file_id: string;
  purpose: string;
  size: number;
  blob_key: string;
  content_type: string;
}

async function metricValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = register.getSingleMetric(name);
  if (!metric) return 0;
  const values = (await metric.get()).values.filter((value) =>
    Object.entries(labels).every(([key, label]) => (value.labels as Record<string, unknown>)[key] === label),
  );
  return values.reduce((sum, value) => sum + value.value, 0);
}

describe('SynthesizeSpeechHandler (real PostgreSQL for quota, cache and records)', () => {
  let catalog: VoiceCatalog;
  let engine: SpeechEngine;
  let dataSource: DataSource;
  let platform: PlatformConfigProvider;
  let quota: SynthesisQuota;
  let records: SynthesisRecords;
  let directory: string;
  let blobs: LocalFileBlobStore;
  let send: jest.Mock<(definition: unknown, payload: Registration) => Promise<StoredFileView>>;
  let query: jest.Mock<(definition: unknown, payload: { file_id: string; access: { user_id: string } }) => Promise<StoredFileView>>;
  let liveFiles: Map<string, string>;
  let queue: BoundedQueue;
  let handler: SynthesizeSpeechHandler;
  let userNumber = 0;
  let user: string;
  let lexicon: Lexicon | undefined;

  beforeAll(async () => {
    catalog = await VoiceCatalog.load(resolve(process.cwd(), 'models'), { threads: 2, provider: 'cpu' });
    engine = new SpeechEngine(catalog, new EspeakPhonemizer());
    await engine.warm();
    const service = uniqueTestService();
    dataSource = createServiceDataSource({
      service,
      url: TEST_DATABASE_URL,
      migrations: [serviceFoundationMigration(service, 1700000000000), SynthesisUsage1764100000000, SynthesisCacheAndRecords1764150000000],
      poolSize: 2,
    });
    await runServiceMigrations(dataSource);
  }, 60_000);

  afterAll(async () => {
    catalog.close();
    await cleanUp([dataSource]);
  });

  function createHandler(options: Partial<SynthesisModuleOptions> = {}): SynthesizeSpeechHandler {
    const bus = { send, query } as unknown as MessageBus;
    platform = new PlatformConfigProvider(bus, null, null);
    platform.apply({ ...UNSET_PLATFORM_CONFIG, version: 1, daily_quotas: { syntheses: DAILY_SYNTHESES, uploads: 100 } }, 'event');
    quota = new SynthesisQuota(dataSource, platform);
    records = new SynthesisRecords(dataSource);
    queue = new BoundedQueue(4);
    return new SynthesizeSpeechHandler(
      engine,
      queue,
      blobs,
      new SignedUrlSigner(SECRET),
      bus,
      platform,
      quota,
      new SynthesisCache(dataSource),
      records,
      new SynthesisMetrics(),
      { audioUrlTtlSeconds: 600, ...options } as SynthesisModuleOptions,
      { forUser: async () => lexicon } as unknown as LexiconProvider,
      new VoiceProfileResolver(bus, engine),
    );
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'synthesis-'));
    blobs = new LocalFileBlobStore(directory);
    liveFiles = new Map();
    lexicon = undefined;
    user = `usr_h${++userNumber}`;
    send = jest.fn(async (_definition: unknown, registration: Registration & { owner_id?: string }) => {
      liveFiles.set(registration.file_id, registration.owner_id!);
      return { file_id: registration.file_id, expires_at: new Date(Date.now() + 3_600_000).toISOString() } as StoredFileView;
    });
    query = jest.fn(async (_definition: unknown, payload: { file_id: string; access: { user_id: string } }) => {
      if (liveFiles.get(payload.file_id) !== payload.access.user_id) throw new ApplicationError('FILE_NOT_FOUND', 'No such file');
      return { file_id: payload.file_id } as StoredFileView;
    });
    handler = createHandler();
  });

  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('stores a WAV, registers it as a synthesis output, answers a signed URL and uses one synthesis of the quota', async () => {
    const result = await handler.execute({ user_id: user, text: 'Hello from Voxify.', config: { sample_rate: 22050 } });
    expect(result.synthesis_id).toMatch(/^syn_/);
    expect(result.format).toBe('wav');
    expect(result.sample_rate).toBe(22050);
    expect(result.duration).toBeGreaterThan(0.5);
    expect(result.timestamps).toBeUndefined();
    expect(result.audio_url).toMatch(new RegExp(`^/api/v1/files/${result.file_id}\\?expires=\\d+&signature=`));
    expect(send).toHaveBeenCalledTimes(1);
    const [definition, registration] = send.mock.calls[0]!;
    expect(definition).toBe(RegisterStoredFileCommand);
    expect(registration).toMatchObject({ purpose: 'synthesis_output', content_type: 'audio/wav' });
    const head = await blobs.head(registration.blob_key);
    expect(head?.size).toBe(registration.size);
    expect(registration.size).toBe(44 + Math.round(result.duration * 22050) * 2);
    expect(await quota.usedToday(user)).toBe(1);
  });

  it('deletes the blob and gives the synthesis back when the storage service refuses the registration', async () => {
    send.mockRejectedValueOnce(new Error('storage down'));
    await expect(handler.execute({ user_id: user, text: 'Hello.' })).rejects.toThrow('storage down');
    const [, registration] = send.mock.calls[0]!;
    expect(await blobs.head(registration.blob_key)).toBeUndefined();
    expect(await quota.usedToday(user)).toBe(0);
  });

  it.each([
    [{ text: '   ' }, 'VALIDATION_ERROR'],
    [{ text: 'a'.repeat(5001) }, 'TEXT_TOO_LONG'],
    [{ text: 'Hi.', voice_id: 'nobody' }, 'VOICE_NOT_FOUND'],
    [{ text: 'Hi.', voice_id: 'en_US-voxify-low:nobody' }, 'VOICE_NOT_FOUND'],
    [{ text: 'Hi.', config: { output_format: 'aac' as AudioFormat } }, 'UNSUPPORTED_FORMAT'],
    [{ text: 'Hi.', config: { sample_rate: 12345 } }, 'UNSUPPORTED_SAMPLE_RATE'],
    [{ text: 'Hi.', config: { speed: 5 } }, 'VALIDATION_ERROR'],
    [{ text: 'Hi.', config: { pitch: 3 } }, 'VALIDATION_ERROR'],
    [{ text: 'Hi.', config: { volume: -1 } }, 'VALIDATION_ERROR'],
  ])('refuses %j with %s, stores nothing and charges nothing', async (input, code) => {
    await expect(handler.execute({ user_id: user, ...input })).rejects.toMatchObject({ code });
    expect(send).not.toHaveBeenCalled();
    expect(await quota.usedToday(user)).toBe(0);
  });

  it('answers QUOTA_EXCEEDED once the daily syntheses are used, before any inference', async () => {
    platform.apply({ ...UNSET_PLATFORM_CONFIG, version: 2, daily_quotas: { syntheses: 2, uploads: 100 } }, 'event');
    await handler.execute({ user_id: user, text: 'One.' });
    await handler.execute({ user_id: user, text: 'Two.' });
    const refused = await handler.execute({ user_id: user, text: 'Three.' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 2, used: 2 } });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('answers an identical request of the same user with the stored file, a new synthesis id and no inference', async () => {
    const hitsBefore = await metricValue('synthesis_cache_hits_total');
    const request = { user_id: user, text: 'Cached words are cheap.', config: { speed: 1.1, output_format: 'mp3' as AudioFormat } };
    const first = await handler.execute(request);
    const second = await handler.execute(request);
    expect(second.synthesis_id).not.toBe(first.synthesis_id);
    expect(second).toMatchObject({ file_id: first.file_id, duration: first.duration, format: 'mp3', sample_rate: first.sample_rate });
    expect(second.audio_url).toMatch(new RegExp(`^/api/v1/files/${first.file_id}\\?expires=\\d+&signature=`));
    expect(send).toHaveBeenCalledTimes(1);
    expect(query).toHaveBeenCalledWith(GetStoredFileQuery, {
      file_id: first.file_id,
      access: { kind: 'user', user_id: user, admin: false },
    });
    expect(await metricValue('synthesis_cache_hits_total')).toBe(hitsBefore + 1);
    expect(await quota.usedToday(user)).toBe(2);
  });

  it('synthesizes again for another user, other settings, another lexicon, a file that is gone, or with the cache off', async () => {
    const request = { user_id: user, text: 'Nothing shared.' };
    const first = await handler.execute(request);
    expect((await handler.execute({ ...request, user_id: `${user}_other` })).file_id).not.toBe(first.file_id);
    expect((await handler.execute({ ...request, config: { volume: 0.5 } })).file_id).not.toBe(first.file_id);
    expect((await handler.execute({ ...request, config: { pitch: 1.2 } })).file_id).not.toBe(first.file_id);
    lexicon = [{ word: 'shared', respelling: 'shaired' }];
    expect((await handler.execute(request)).file_id).not.toBe(first.file_id);
    lexicon = undefined;
    expect(send).toHaveBeenCalledTimes(5);
    liveFiles.delete(first.file_id);
    const afterDeletion = await handler.execute(request);
    expect(afterDeletion.file_id).not.toBe(first.file_id);
    expect(send).toHaveBeenCalledTimes(6);
    expect((await handler.execute(request)).file_id).toBe(afterDeletion.file_id);
    const uncached = createHandler({ cacheEnabled: false });
    expect((await uncached.execute(request)).file_id).not.toBe(afterDeletion.file_id);
    expect(send).toHaveBeenCalledTimes(7);
  });

  it('answers word timestamps over the whole audio, across sentences and their pauses, also from the cache', async () => {
    const request = { user_id: user, text: 'The first sentence is here. And then a second one follows.', config: { timestamps: true } };
    const result = await handler.execute(request);
    const words = result.timestamps!;
    expect(words.map((word) => word.word.toLowerCase())).toEqual([
      'the',
      'first',
      'sentence',
      'is',
      'here',
      'and',
      'then',
      'a',
      'second',
      'one',
      'follows',
    ]);
    for (let i = 0; i < words.length; i++) {
      expect(words[i]!.end).toBeGreaterThan(words[i]!.start);
      if (i > 0) expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.end - 0.001);
    }
    // The second sentence starts after the first one's audio and the pause between them.
    expect(words[5]!.start - words[4]!.end).toBeGreaterThan(0.2);
    expect(words.at(-1)!.end).toBeLessThanOrEqual(result.duration + 0.001);
    expect(words.at(-1)!.end).toBeGreaterThan(result.duration * 0.8);
    const cached = await handler.execute(request);
    expect(cached.file_id).toBe(result.file_id);
    expect(cached.timestamps).toEqual(words);
  });

  it('raises the voice with config.pitch while keeping its length', async () => {
    const text = 'A steady voice speaks this sentence for the pitch test.';
    const measure = async (pitch: number) => {
      const result = await handler.execute({ user_id: user, text, config: { output_format: 'pcm', pitch } });
      const registration = send.mock.calls.at(-1)![1];
      const bytes = await buffer(await blobs.get(registration.blob_key));
      const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
      const samples = Float32Array.from(pcm, (sample) => sample / 32768);
      return { hz: medianPitch(trackPitch(samples, result.sample_rate)), duration: result.duration };
    };
    const normal = await measure(1);
    const raised = await measure(1.5);
    expect(raised.hz / normal.hz).toBeGreaterThan(1.35);
    expect(raised.hz / normal.hz).toBeLessThan(1.65);
    expect(Math.abs(raised.duration / normal.duration - 1)).toBeLessThan(0.15);
  });

  it('counts what was synthesized for the admin stats', async () => {
    const stats = new SynthesisStatsHandler(records, queue);
    const before = (await stats.execute()).syntheses!;
    await handler.execute({ user_id: user, text: 'Twelve chars' });
    await handler.execute({ user_id: user, text: 'Twelve chars' });
    const after = (await stats.execute()).syntheses!;
    expect(after.today! - before.today!).toBe(2);
    expect(after.total! - before.total!).toBe(2);
    expect(after.characters! - before.characters!).toBe(24);
    expect(after.audio_seconds!).toBeGreaterThan(before.audio_seconds!);
    expect(after.avg_rtf).toBeGreaterThan(0);
    expect(after.cache_hit_ratio).toBeGreaterThan(0);
    expect(after.queue_depth).toBe(0);
  });

  it('lists every voice × speaker with the default first', async () => {
    const listed = await new ListVoicesHandler(engine).execute({});
    expect(listed.default_voice_id).toBe('en_US-voxify-low:slt');
    expect(listed.voices.map((voice) => voice.voice_id)).toEqual([
      'en_US-voxify-low:slt',
      'en_US-voxify-low:rms',
      'en_US-voxify-low:awb',
      'en_US-voxify-low:kal',
    ]);
    expect(listed.voices[0]).toMatchObject({ language: 'en_US', sample_rate: 16000, num_speakers: 4 });
  });
});

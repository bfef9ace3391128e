/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jest } from '@jest/globals';
import { RegisterStoredFileCommand, type AudioFormat, type StoredFileView } from '#contracts';
import type { MessageBus } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { LocalFileBlobStore, SignedUrlSigner } from '#storage';
import { EspeakPhonemizer } from '../engine/espeak-phonemizer.js';
import { SpeechEngine } from '../engine/speech-engine.js';
import { VoiceCatalog } from '../engine/voice-catalog.js';
import { BoundedQueue } from './bounded-queue.js';
import { ListVoicesHandler } from './list-voices.handler.js';
import type { SynthesisModuleOptions } from './synthesis-options.js';
import type { SynthesisQuota } from './synthesis-quota.js';
import { SynthesizeSpeechHandler } from './synthesize-speech.handler.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

describe('SynthesizeSpeechHandler', () => {
  let catalog: VoiceCatalog;
  let engine: SpeechEngine;
  let directory: string;
  let blobs: LocalFileBlobStore;
  let send: jest.Mock<(definition: unknown, payload: unknown) => Promise<StoredFileView>>;
  let handler: SynthesizeSpeechHandler;
  let charged: string[];
  let quota: SynthesisQuota;

  beforeAll(async () => {
    catalog = await VoiceCatalog.load(resolve(process.cwd(), 'models'), { threads: 2, provider: 'cpu' });
    engine = new SpeechEngine(catalog, new EspeakPhonemizer());
    await engine.warm();
  }, 60_000);

  afterAll(() => catalog.close());

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'synthesis-'));
    blobs = new LocalFileBlobStore(directory);
    send = jest.fn(async () => ({}) as StoredFileView);
    const bus = { send } as unknown as MessageBus;
    const options = { audioUrlTtlSeconds: 600 } as SynthesisModuleOptions;
    charged = [];
    quota = { charge: async (userId: string) => void charged.push(userId) } as unknown as SynthesisQuota;
    handler = new SynthesizeSpeechHandler(
      engine,
      new BoundedQueue(4),
      blobs,
      new SignedUrlSigner(SECRET),
      bus,
      new PlatformConfigProvider(bus, null, null),
      quota,
      options,
    );
  });

  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('stores a WAV, registers it as a synthesis output and answers a signed URL', async () => {
    const result = await handler.execute({ user_id: 'usr_1', text: 'Hello from Voxify.', config: { sample_rate: 22050 } });
    expect(result.synthesis_id).toMatch(/^syn_/);
    expect(result.format).toBe('wav');
    expect(result.sample_rate).toBe(22050);
    expect(result.duration).toBeGreaterThan(0.5);
    expect(result.audio_url).toMatch(new RegExp(`^/api/v1/files/${result.file_id}\\?expires=\\d+&signature=`));
    expect(send).toHaveBeenCalledTimes(1);
    expect(charged).toEqual(['usr_1']);
    const [definition, registration] = send.mock.calls[0]! as [
      unknown,
      { purpose: string; size: number; blob_key: string; content_type: string },
    ];
    expect(definition).toBe(RegisterStoredFileCommand);
    expect(registration).toMatchObject({ purpose: 'synthesis_output', content_type: 'audio/wav' });
    const head = await blobs.head(registration.blob_key);
    expect(head?.size).toBe(registration.size);
    expect(registration.size).toBe(44 + Math.round(result.duration * 22050) * 2);
  });

  it('deletes the blob when the storage service refuses the registration', async () => {
    send.mockRejectedValueOnce(new Error('storage down'));
    await expect(handler.execute({ user_id: 'usr_1', text: 'Hello.' })).rejects.toThrow('storage down');
    const [, registration] = send.mock.calls[0]! as [unknown, { blob_key: string }];
    expect(await blobs.head(registration.blob_key)).toBeUndefined();
  });

  it.each([
    [{ text: '   ' }, 'VALIDATION_ERROR'],
    [{ text: 'a'.repeat(5001) }, 'TEXT_TOO_LONG'],
    [{ text: 'Hi.', voice_id: 'nobody' }, 'VOICE_NOT_FOUND'],
    [{ text: 'Hi.', voice_id: 'en_US-voxify-low:nobody' }, 'VOICE_NOT_FOUND'],
    [{ text: 'Hi.', config: { output_format: 'aac' as AudioFormat } }, 'UNSUPPORTED_FORMAT'],
    [{ text: 'Hi.', config: { sample_rate: 12345 } }, 'UNSUPPORTED_SAMPLE_RATE'],
    [{ text: 'Hi.', config: { speed: 5 } }, 'VALIDATION_ERROR'],
    [{ text: 'Hi.', config: { volume: -1 } }, 'VALIDATION_ERROR'],
  ])('refuses %j with %s and stores nothing', async (input, code) => {
    await expect(handler.execute({ user_id: 'usr_1', ...input })).rejects.toMatchObject({ code });
    expect(send).not.toHaveBeenCalled();
    expect(charged).toEqual([]);
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

describe('BoundedQueue', () => {
  it('answers OVERLOADED beyond its capacity and runs the rest in order', async () => {
    const queue = new BoundedQueue(2);
    const order: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(async () => {
      await gate;
      order.push(1);
    });
    const second = queue.run(async () => {
      order.push(2);
    });
    await expect(queue.run(async () => undefined)).rejects.toMatchObject({ code: 'OVERLOADED' });
    release();
    await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
  });
});

/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { buffer } from 'node:stream/consumers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import decode from 'audio-decode';
import { parseBuffer } from 'music-metadata';
import type { AudioFormat, StoredFileView } from '#contracts';
import type { MessageBus } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { LocalFileBlobStore, SignedUrlSigner } from '#storage';
import { EspeakPhonemizer } from '../engine/espeak-phonemizer.js';
import { SpeechEngine } from '../engine/speech-engine.js';
import { VoiceCatalog } from '../engine/voice-catalog.js';
import { BoundedQueue } from './bounded-queue.js';
import type { LexiconProvider } from './lexicon/lexicon.provider.js';
import type { SynthesisModuleOptions } from './synthesis-options.js';
import type { SynthesisCache } from './synthesis-cache.js';
import { SynthesisMetrics } from './synthesis-metrics.js';
import type { SynthesisQuota } from './synthesis-quota.js';
import type { SynthesisRecords } from './synthesis-records.js';
import { SynthesizeSpeechHandler } from './synthesize-speech.handler.js';
import { VoiceProfileResolver } from './voice-profile-resolver.js';

const TEXT = 'Voxify turns written text into natural sounding speech in several formats.';
const RATE = 24000;

interface Registration {
  blob_key: string;
  content_type: string;
  filename: string;
  size: number;
}

describe('SynthesizeSpeechHandler output formats', () => {
  let catalog: VoiceCatalog;
  let directory: string;
  let blobs: LocalFileBlobStore;
  let handler: SynthesizeSpeechHandler;
  const registrations: Registration[] = [];

  beforeAll(async () => {
    catalog = await VoiceCatalog.load(resolve(process.cwd(), 'models'), { threads: 2, provider: 'cpu' });
    const engine = new SpeechEngine(catalog, new EspeakPhonemizer());
    await engine.warm();
    directory = await mkdtemp(join(tmpdir(), 'synthesis-formats-'));
    blobs = new LocalFileBlobStore(directory);
    const bus = {
      send: async (_definition: unknown, payload: Registration) => {
        registrations.push(payload);
        return {} as StoredFileView;
      },
    } as unknown as MessageBus;
    // The cache and the records need PostgreSQL: off here, covered by synthesize-speech.handler.spec.
    const options = { audioUrlTtlSeconds: 600, cacheEnabled: false } as SynthesisModuleOptions;
    const platform = new PlatformConfigProvider(bus, null, null);
    const quota = { charge: async () => undefined } as unknown as SynthesisQuota;
    const records = { record: async () => undefined } as unknown as SynthesisRecords;
    handler = new SynthesizeSpeechHandler(
      engine,
      new BoundedQueue(4),
      blobs,
      new SignedUrlSigner('s'.repeat(40)),
      bus,
      platform,
      quota,
      {} as SynthesisCache,
      records,
      new SynthesisMetrics(),
      options,
      { forUser: async () => undefined } as unknown as LexiconProvider,
      new VoiceProfileResolver(bus, engine),
    );
  }, 60_000);

  afterAll(async () => {
    catalog.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function synthesizeAs(format: AudioFormat) {
    const result = await handler.execute({ user_id: 'usr_1', text: TEXT, config: { output_format: format, sample_rate: RATE } });
    const registration = registrations.at(-1)!;
    const bytes = await buffer(await blobs.get(registration.blob_key));
    expect(bytes.length).toBe(registration.size);
    expect(result).toMatchObject({ format, sample_rate: RATE });
    expect(result.duration).toBeGreaterThan(2);
    return { result, registration, bytes };
  }

  it.each([
    ['wav', 'audio/wav', RATE],
    ['mp3', 'audio/mpeg', RATE],
    ['flac', 'audio/flac', RATE],
    // Opus always decodes at 48 kHz.
    ['ogg', 'audio/ogg', 48000],
  ] as const)('stores %s as %s that decodes to the reported duration at %i Hz', async (format, contentType, decodedRate) => {
    const { result, registration, bytes } = await synthesizeAs(format);
    expect(registration.content_type).toBe(contentType);
    expect(registration.filename).toBe(`${result.synthesis_id}.${format}`);
    const decoded = await decode(bytes);
    expect(decoded.sampleRate).toBe(decodedRate);
    expect(decoded.channelData).toHaveLength(1);
    const decodedSeconds = decoded.channelData[0]!.length / decoded.sampleRate;
    expect(Math.abs(decodedSeconds / result.duration - 1)).toBeLessThan(0.05);
    const metadata = await parseBuffer(bytes, contentType, { duration: true });
    expect(Math.abs(metadata.format.duration! / result.duration - 1)).toBeLessThan(0.05);
  });

  it('stores pcm as raw s16le samples at the requested rate', async () => {
    const { result, registration, bytes } = await synthesizeAs('pcm');
    expect(registration.content_type).toBe('audio/pcm');
    expect(registration.filename).toBe(`${result.synthesis_id}.pcm`);
    expect(bytes.length).toBe(Math.round(result.duration * RATE) * 2);
  });
});

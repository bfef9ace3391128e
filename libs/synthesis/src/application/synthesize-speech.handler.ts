import { Readable } from 'node:stream';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  ApplicationError,
  createId,
  GetStoredFileQuery,
  IdPrefix,
  RegisterStoredFileCommand,
  SynthesisErrorCode,
  SynthesizeSpeechCommand,
  type PayloadOf,
  type StoredFileView,
  type SynthesisResultView,
  type WordTimestampView,
} from '#contracts';
import { HandleMessage, MessageBus } from '#messaging';
import { APP_LOGGER, PlatformConfigProvider, type Logger } from '#service-runtime';
import { blobKeyForFile, BlobStore, SignedUrlSigner } from '#storage';
import { SpeechEngine } from '../engine/speech-engine.js';
import type { Lexicon } from '../text/lexicon.js';
import { BoundedQueue } from './bounded-queue.js';
import { LexiconProvider } from './lexicon/lexicon.provider.js';
import { lexiconVersion } from './lexicon/lexicon-version.js';
import { encodeAudio } from './encode-audio.js';
import { SynthesisCache, type CachedSynthesis } from './synthesis-cache.js';
import { synthesisCacheKey } from './synthesis-cache-key.js';
import { SynthesisMetrics } from './synthesis-metrics.js';
import { SYNTHESIS_MODULE_OPTIONS, type SynthesisModuleOptions } from './synthesis-options.js';
import { SynthesisQuota } from './synthesis-quota.js';
import { SynthesisRecords } from './synthesis-records.js';
import { resolveSynthesisRequest, type SynthesisRequest } from './synthesis-request.js';
import { VoiceProfileResolver } from './voice-profile-resolver.js';

/** A validated request as this handler runs it. */
interface SyncSynthesis {
  request: SynthesisRequest;
  timestamps: boolean;
  /** The user's pronunciations, part of the cache key. */
  lexicon: Lexicon | undefined;
  /** Content key of the output in the user's cache; absent when the cache is off. */
  cacheKey: string | undefined;
}

/**
 * Speaks the text, stores the audio through the blob store, registers it with the storage service
 * (purpose synthesis_output, which gives it the platform's expiry) and answers a signed audio_url.
 * When the registration fails the blob is deleted again. Each request uses one synthesis of the
 * user's daily quota (given back when it fails). An identical earlier request of the same user whose
 * file still exists is answered with that file, without inference.
 */
@Injectable()
export class SynthesizeSpeechHandler {
  constructor(
    private readonly engine: SpeechEngine,
    private readonly queue: BoundedQueue,
    private readonly blobs: BlobStore,
    private readonly signer: SignedUrlSigner,
    private readonly bus: MessageBus,
    private readonly platform: PlatformConfigProvider,
    private readonly quota: SynthesisQuota,
    private readonly cache: SynthesisCache,
    private readonly records: SynthesisRecords,
    private readonly metrics: SynthesisMetrics,
    @Inject(SYNTHESIS_MODULE_OPTIONS) private readonly options: SynthesisModuleOptions,
    private readonly lexicons: LexiconProvider,
    private readonly profiles: VoiceProfileResolver,
    @Optional() @Inject(APP_LOGGER) private readonly logger?: Logger,
  ) {}

  @HandleMessage(SynthesizeSpeechCommand)
  async execute(payload: PayloadOf<typeof SynthesizeSpeechCommand>): Promise<SynthesisResultView> {
    let synthesis: SyncSynthesis;
    try {
      synthesis = await this.prepare(payload);
      await this.quota.charge(payload.user_id);
    } catch (error) {
      this.metrics.finished(isCode(error, 'QUOTA_EXCEEDED') ? 'quota_exceeded' : 'rejected');
      throw error;
    }
    try {
      return (await this.fromCache(synthesis)) ?? (await this.synthesize(synthesis));
    } catch (error) {
      this.metrics.finished(isCode(error, SynthesisErrorCode.OVERLOADED) ? 'overloaded' : 'failed');
      await this.quota.refund(payload.user_id).catch((refundError: unknown) => this.warn(refundError, 'could not give a synthesis back'));
      throw error;
    }
  }

  private async prepare(payload: PayloadOf<typeof SynthesizeSpeechCommand>): Promise<SyncSynthesis> {
    const request = await resolveSynthesisRequest(payload, this.engine, this.platform.current().max_synthesis_length, this.profiles);
    const timestamps = payload.config?.timestamps === true;
    const lexicon = await this.lexicons.forUser(request.userId);
    const cacheKey =
      this.options.cacheEnabled === false
        ? undefined
        : synthesisCacheKey({
            voiceId: request.voiceProfileId ?? request.voiceId,
            text: request.text,
            lexiconVersion: lexiconVersion(lexicon),
            speed: request.speed,
            pitch: request.pitch,
            volume: request.volume,
            format: request.format,
            sampleRate: request.sampleRate,
            timestamps,
          });
    return { request, timestamps, lexicon, cacheKey };
  }

  private async synthesize({ request, timestamps, lexicon, cacheKey }: SyncSynthesis): Promise<SynthesisResultView> {
    let inferenceSeconds = 0;
    const speech = await this.queue.run(async () => {
      this.metrics.queue(this.queue.depth);
      const started = performance.now();
      try {
        return await this.engine.synthesize({
          text: request.text,
          voiceId: request.voiceId,
          speed: request.speed,
          pitch: request.pitch,
          ...(request.speaker ? { speaker: request.speaker } : {}),
          ...(lexicon ? { lexicon } : {}),
        });
      } finally {
        inferenceSeconds = (performance.now() - started) / 1000;
      }
    });
    this.metrics.queue(this.queue.depth);
    const audio = encodeAudio(speech, request.format, request.sampleRate, request.volume);
    const synthesisId = createId(IdPrefix.synthesis);
    const fileId = createId(IdPrefix.file);
    const key = blobKeyForFile(fileId);
    const stored = await this.blobs.put(key, Readable.from([audio.bytes]));
    let file: StoredFileView | undefined;
    try {
      file = await this.bus.send(RegisterStoredFileCommand, {
        file_id: fileId,
        owner_id: request.userId,
        purpose: 'synthesis_output',
        filename: `${synthesisId}.${audio.extension}`,
        content_type: audio.contentType,
        size: stored.size,
        sha256: stored.sha256,
        blob_key: key,
        duration: audio.duration,
      });
    } catch (error) {
      await this.blobs.delete(key);
      throw error;
    }
    const words = timestamps ? (speech.words ?? []) : null;
    const duration = roundMs(audio.duration);
    if (cacheKey) {
      const expiresAt = file?.expires_at ? new Date(file.expires_at) : null;
      await this.cache
        .remember({
          userId: request.userId,
          key: cacheKey,
          fileId,
          format: request.format,
          sampleRate: audio.sampleRate,
          duration,
          words,
          expiresAt,
        })
        .catch((error: unknown) => this.warn(error, 'could not remember a synthesis in the output cache'));
    }
    this.metrics.inferred('sync', inferenceSeconds, audio.duration);
    this.metrics.finished('synthesized');
    await this.record(synthesisId, request, audio.duration, inferenceSeconds);
    return this.view(synthesisId, fileId, duration, request.format, audio.sampleRate, words);
  }

  /** The user's stored output of the same request, when its file still exists; a miss otherwise. */
  private async fromCache({ request, cacheKey }: SyncSynthesis): Promise<SynthesisResultView | undefined> {
    if (!cacheKey) return undefined;
    const entry = await this.cache
      .find(request.userId, cacheKey)
      .catch((error: unknown) => this.warn(error, 'could not read the output cache; synthesizing'));
    if (!entry || !(await this.fileExists(entry))) return undefined;
    const synthesisId = createId(IdPrefix.synthesis);
    this.metrics.finished('cached');
    await this.record(synthesisId, request, entry.duration, null);
    return this.view(synthesisId, entry.fileId, entry.duration, entry.format, entry.sampleRate, entry.words);
  }

  /** Asks storage for the file as its owner; a file that is gone drops the entry, and any doubt is a miss. */
  private async fileExists(entry: CachedSynthesis): Promise<boolean> {
    try {
      await this.bus.query(GetStoredFileQuery, { file_id: entry.fileId, access: { kind: 'user', user_id: entry.userId, admin: false } });
      return true;
    } catch (error) {
      if (error instanceof ApplicationError && error.code.endsWith('NOT_FOUND')) {
        await this.cache
          .forget(entry.userId, entry.key, entry.fileId)
          .catch((error: unknown) => this.warn(error, 'could not drop a cache entry whose file is gone'));
      }
      return false;
    }
  }

  private async record(
    synthesisId: string,
    request: SynthesisRequest,
    audioSeconds: number,
    inferenceSeconds: number | null,
  ): Promise<void> {
    await this.records
      .record({
        synthesisId,
        userId: request.userId,
        source: 'sync',
        characters: request.text.length,
        audioSeconds,
        inferenceSeconds,
        cached: inferenceSeconds === null,
      })
      .catch((error: unknown) => this.warn(error, 'could not record a synthesis for the stats'));
  }

  /** Cache and stats are best effort: their failures are logged, never the request's. */
  private warn(error: unknown, message: string): undefined {
    this.logger?.warn({ err: error instanceof Error ? error.message : String(error) }, message);
    return undefined;
  }

  private view(
    synthesisId: string,
    fileId: string,
    duration: number,
    format: SynthesisResultView['format'],
    sampleRate: number,
    words: WordTimestampView[] | null,
  ): SynthesisResultView {
    return {
      synthesis_id: synthesisId,
      file_id: fileId,
      audio_url: this.signer.sign(fileId, this.options.audioUrlTtlSeconds).path,
      duration,
      format,
      sample_rate: sampleRate,
      ...(words ? { timestamps: words } : {}),
    };
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof ApplicationError && error.code === code;
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  createId,
  IdPrefix,
  RegisterStoredFileCommand,
  SynthesizeSpeechCommand,
  type PayloadOf,
  type SynthesisResultView,
} from '#contracts';
import { HandleMessage, MessageBus } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { blobKeyForFile, BlobStore, SignedUrlSigner } from '#storage';
import { SpeechEngine } from '../engine/speech-engine.js';
import { BoundedQueue } from './bounded-queue.js';
import { encodeAudio } from './encode-audio.js';
import { SynthesisQuota } from './synthesis-quota.js';
import { validateSynthesisRequest } from './synthesis-request.js';
import { SYNTHESIS_MODULE_OPTIONS, type SynthesisModuleOptions } from './synthesis-options.js';

/**
 * Speaks the text, stores the audio through the blob store, registers it with the storage service
 * (purpose synthesis_output, which gives it the platform's expiry) and answers a signed audio_url.
 * When the registration fails the blob is deleted again.
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
    @Inject(SYNTHESIS_MODULE_OPTIONS) private readonly options: SynthesisModuleOptions,
  ) {}

  @HandleMessage(SynthesizeSpeechCommand)
  async execute(payload: PayloadOf<typeof SynthesizeSpeechCommand>): Promise<SynthesisResultView> {
    const request = validateSynthesisRequest(payload, this.engine, this.platform.current().max_synthesis_length);
    await this.quota.charge(payload.user_id);
    const speech = await this.queue.run(() =>
      this.engine.synthesize({ text: request.text, voiceId: request.voiceId, speed: request.speed }),
    );
    const audio = encodeAudio(speech, request.format, request.sampleRate, request.volume);
    const synthesisId = createId(IdPrefix.synthesis);
    const fileId = createId(IdPrefix.file);
    const key = blobKeyForFile(fileId);
    const stored = await this.blobs.put(key, Readable.from([audio.bytes]));
    try {
      await this.bus.send(RegisterStoredFileCommand, {
        file_id: fileId,
        owner_id: payload.user_id,
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
    return {
      synthesis_id: synthesisId,
      file_id: fileId,
      audio_url: this.signer.sign(fileId, this.options.audioUrlTtlSeconds).path,
      duration: Math.round(audio.duration * 1000) / 1000,
      format: request.format,
      sample_rate: audio.sampleRate,
    };
  }
}

import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  ApplicationError,
  createId,
  ErrorCode,
  IdPrefix,
  RegisterStoredFileCommand,
  SynthesisErrorCode,
  SynthesizeSpeechCommand,
  type AudioFormat,
  type PayloadOf,
  type SynthesisResultView,
} from '#contracts';
import { HandleMessage, MessageBus } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { blobKeyForFile, BlobStore, SignedUrlSigner } from '#storage';
import { SpeechEngine, UnknownVoiceError } from '../engine/speech-engine.js';
import { BoundedQueue } from './bounded-queue.js';
import { assertEncodable, encodeAudio } from './encode-audio.js';
import { SYNTHESIS_MODULE_OPTIONS, type SynthesisModuleOptions } from './synthesis-options.js';
import { defaultVoiceId } from './voice-directory.js';

const SPEED_RANGE = [0.25, 4] as const;
const VOLUME_RANGE = [0, 2] as const;

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
    @Inject(SYNTHESIS_MODULE_OPTIONS) private readonly options: SynthesisModuleOptions,
  ) {}

  @HandleMessage(SynthesizeSpeechCommand)
  async execute(payload: PayloadOf<typeof SynthesizeSpeechCommand>): Promise<SynthesisResultView> {
    const request = this.validate(payload);
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

  private validate(payload: PayloadOf<typeof SynthesizeSpeechCommand>) {
    const text = typeof payload.text === 'string' ? payload.text.trim() : '';
    if (!text) throw invalid('text', 'must not be empty');
    const maxLength = this.platform.current().max_synthesis_length;
    if (text.length > maxLength) {
      throw new ApplicationError(SynthesisErrorCode.TEXT_TOO_LONG, `The text is longer than ${maxLength} characters`);
    }
    const config = payload.config ?? {};
    const format: AudioFormat = config.output_format ?? 'wav';
    const speed = config.speed ?? 1;
    if (!inRange(speed, SPEED_RANGE)) throw invalid('config.speed', `must be between ${SPEED_RANGE[0]} and ${SPEED_RANGE[1]}`);
    const volume = config.volume ?? 1;
    if (!inRange(volume, VOLUME_RANGE)) throw invalid('config.volume', `must be between ${VOLUME_RANGE[0]} and ${VOLUME_RANGE[1]}`);
    assertEncodable(format, config.sample_rate);
    const voiceId = payload.voice_id ?? defaultVoiceId(this.engine.voices);
    try {
      this.engine.resolve(voiceId);
    } catch (error) {
      if (error instanceof UnknownVoiceError) {
        throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, `No voice ${voiceId}; see GET /api/v1/tts/voices`);
      }
      throw error;
    }
    return { text, voiceId, speed, volume, format, sampleRate: config.sample_rate };
  }
}

function inRange(value: unknown, [low, high]: readonly [number, number]): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high;
}

function invalid(field: string, message: string): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, `${field} ${message}`, [{ field, messages: [message] }]);
}

import { Readable } from 'node:stream';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ApplicationError,
  ErrorCode,
  RegisterStoredFileCommand,
  SPEECH_SYNTHESIS_JOB_TYPE,
  SynthesisErrorCode,
  type SynthesisJobResultView,
} from '#contracts';
import { JobCancelledError, JobInterruptedError, JobRunner, type JobContext } from '#jobs';
import { MessageBus } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { blobKeyForFile, BlobStore, SignedUrlSigner } from '#storage';
import { SpeechEngine, type RenderSettings, type SentencePlan, type SentenceSpeech, type Speech } from '../../engine/speech-engine.js';
import { BoundedQueue } from '../bounded-queue.js';
import { encodeAudio } from '../encode-audio.js';
import { SynthesisMetrics } from '../synthesis-metrics.js';
import { SYNTHESIS_MODULE_OPTIONS, type SynthesisModuleOptions } from '../synthesis-options.js';
import { SynthesisQuota } from '../synthesis-quota.js';
import { SynthesisRecords } from '../synthesis-records.js';
import { BlobChunkStore } from './blob-chunk-store.js';
import { RenderPace } from './render-pace.js';
import { runChunkedSynthesis, type ChunkedSynthesisPorts, type SynthesisJobInput } from './chunked-synthesis.js';
import type { StoredOutput, SynthesisJobState } from './synthesis-chunks.js';

/** How long a job's sentence waits before asking the full inference queue again. */
const QUEUE_FULL_RETRY_MS = 250;
const UNCERTAIN_OUTCOMES = new Set<string>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.UPSTREAM_TIMEOUT]);

/**
 * The `speech_synthesis` job on this service's JobRunner: renders through the same inference queue
 * as the synchronous requests (a sentence at a time, so a long job never holds the model for long)
 * and stores the output like them, as the user's `synthesis_output` file.
 */
@Injectable()
export class SpeechSynthesisJob implements OnModuleInit {
  private readonly ports: ChunkedSynthesisPorts;

  constructor(
    private readonly runner: JobRunner,
    private readonly engine: SpeechEngine,
    private readonly queue: BoundedQueue,
    private readonly blobs: BlobStore,
    private readonly signer: SignedUrlSigner,
    private readonly bus: MessageBus,
    private readonly records: SynthesisRecords,
    private readonly metrics: SynthesisMetrics,
    private readonly quota: SynthesisQuota,
    private readonly pace: RenderPace,
    @Inject(SYNTHESIS_MODULE_OPTIONS) private readonly options: SynthesisModuleOptions,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.ports = {
      plan: (input) =>
        this.engine.plan({
          text: input.text,
          voiceId: input.voice_id,
          speed: input.speed,
          ...(input.lexicon ? { lexicon: input.lexicon } : {}),
        }),
      voiceSampleRate: (input) => this.engine.resolve(input.voice_id).session.voice.sampleRate,
      render: (sentence, input, signal) => this.render(sentence, input, signal),
      chunks: new BlobChunkStore(blobs),
      storeOutput: (input, userId, speech, inferenceSeconds) => this.storeOutput(input, userId, speech, inferenceSeconds),
      resultOf: (input, output) => this.resultOf(input, output),
      log: (message, fields) => this.logger.info(fields, message),
    };
  }

  onModuleInit(): void {
    this.runner.register<SynthesisJobInput, SynthesisJobState>(SPEECH_SYNTHESIS_JOB_TYPE, (context) => this.run(context));
  }

  async run(context: JobContext<SynthesisJobInput, SynthesisJobState>): Promise<SynthesisJobResultView> {
    try {
      return await runChunkedSynthesis(context, this.ports);
    } catch (error) {
      // A failed synthesis gives its quota back, as a failed synchronous one does; a cancelled or interrupted one does not.
      if (!(error instanceof JobCancelledError) && !(error instanceof JobInterruptedError) && !context.signal.aborted) {
        await this.quota.refund(context.userId).catch(() => undefined);
      }
      throw error;
    }
  }

  private async render(
    sentence: SentencePlan,
    input: SynthesisJobInput,
    signal: AbortSignal,
  ): Promise<{ speech: SentenceSpeech; seconds: number }> {
    const settings: RenderSettings = {
      voiceId: input.voice_id,
      speed: input.speed,
      pitch: input.pitch,
      ...(input.speaker
        ? {
            speaker: {
              embedding: Float32Array.from(input.speaker.embedding),
              ...(input.speaker.spectral_gains_db ? { spectralGainsDb: input.speaker.spectral_gains_db } : {}),
            },
          }
        : {}),
    };
    for (;;) {
      try {
        return await this.queue.run(async () => {
          this.metrics.queue(this.queue.depth);
          const started = performance.now();
          const speech = await this.engine.render(sentence, settings);
          const seconds = (performance.now() - started) / 1000;
          this.pace.observe(seconds, speech.samples.length / speech.sampleRate);
          return { speech, seconds };
        });
      } catch (error) {
        if (!(error instanceof ApplicationError && error.code === SynthesisErrorCode.OVERLOADED) || signal.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, QUEUE_FULL_RETRY_MS));
      }
    }
  }

  /** Same file id every time: a run that repeats this step after a takeover overwrites the same blob and the registration answers the file already there. */
  private async storeOutput(input: SynthesisJobInput, userId: string, speech: Speech, inferenceSeconds: number): Promise<StoredOutput> {
    const audio = encodeAudio(speech, input.format, input.sample_rate ?? undefined, input.volume);
    const key = blobKeyForFile(input.file_id);
    const stored = await this.blobs.put(key, Readable.from([audio.bytes]));
    try {
      await this.bus.send(RegisterStoredFileCommand, {
        file_id: input.file_id,
        owner_id: userId,
        purpose: 'synthesis_output',
        filename: `${input.synthesis_id}.${audio.extension}`,
        content_type: audio.contentType,
        size: stored.size,
        sha256: stored.sha256,
        blob_key: key,
        duration: audio.duration,
      });
    } catch (error) {
      // Only a refusal proves no file row points at the blob; after a timeout the row may exist.
      if (error instanceof ApplicationError && !UNCERTAIN_OUTCOMES.has(error.code)) await this.blobs.delete(key);
      throw error;
    }
    this.metrics.inferred('async', inferenceSeconds, audio.duration);
    // Keyed by the synthesis id: a repeated final step records it once.
    await this.records
      .record({
        synthesisId: input.synthesis_id,
        userId,
        source: 'async',
        characters: input.text.length,
        audioSeconds: audio.duration,
        inferenceSeconds,
        cached: false,
      })
      .catch((error: unknown) => this.logger.warn({ err: error, synthesisId: input.synthesis_id }, 'Could not record the synthesis'));
    return { duration: Math.round(audio.duration * 1000) / 1000, sample_rate: audio.sampleRate };
  }

  private resultOf(input: SynthesisJobInput, output: StoredOutput): SynthesisJobResultView {
    return {
      synthesis_id: input.synthesis_id,
      file_id: input.file_id,
      audio_url: this.signer.sign(input.file_id, this.options.audioUrlTtlSeconds).path,
      duration: output.duration,
      format: input.format,
      sample_rate: output.sample_rate,
    };
  }
}

import { Readable } from 'node:stream';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ApplicationError,
  createId,
  IdPrefix,
  RegisterStoredFileCommand,
  VoiceSampleAnalyzedEvent,
  VoiceSampleErrorCode,
  type JobResult,
} from '#contracts';
import { JobRunner, type JobContext } from '#jobs';
import { createEnvelope, MessageBus } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { blobKeyForFile, BlobStore } from '#storage';
import type { VoiceSample } from '../../domain/samples/index.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { VoiceSampleAudioInspector, type SampleMeasurement } from '../ports/voice-sample-audio-inspector.js';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';
import { VOICE_MODULE_OPTIONS, type VoiceModuleOptions } from '../../voice-module-options.js';
import { VOICE_SAMPLE_ANALYSIS_JOB, type VoiceSampleAnalysisInput } from './voice-sample-analysis.job-type.js';
import { readSampleBlob } from './voice-sample-audio.js';
import { deleteSampleFile } from './voice-sample-files.js';

/**
 * The `voice_sample_analysis` job: decodes the sample, measures it, keeps a normalised mono copy at
 * the training rate when it is good enough, and records the verdict (`ready` or `rejected`) with
 * `voice.sample.analyzed`. A sample deleted meanwhile ends the job quietly (its copy deleted too).
 */
@Injectable()
export class AnalyzeVoiceSampleJob implements OnModuleInit {
  constructor(
    private readonly runner: JobRunner,
    private readonly samples: VoiceSampleRepository,
    private readonly inspector: VoiceSampleAudioInspector,
    private readonly unitOfWork: UnitOfWork,
    private readonly blobs: BlobStore,
    private readonly bus: MessageBus,
    @Inject(VOICE_MODULE_OPTIONS) private readonly options: VoiceModuleOptions,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.runner.register<VoiceSampleAnalysisInput, never>(VOICE_SAMPLE_ANALYSIS_JOB, (context) => this.run(context));
  }

  async run(context: JobContext<VoiceSampleAnalysisInput, never>): Promise<JobResult> {
    const owner = { userId: context.userId, admin: false };
    const sampleId = String(context.input.sample_id);
    const sample = await this.samples.findVisible(sampleId, owner);
    if (!sample) return { sample_id: sampleId, status: 'deleted' };
    if (sample.status !== 'uploaded') return { sample_id: sampleId, status: sample.status };

    context.reportProgress(0.05, 'Decoding and measuring');
    let measured: SampleMeasurement;
    try {
      measured = await this.inspector.measure(await readSampleBlob(this.blobs, blobKeyForFile(sample.fileId)), {
        limits: { maxSeconds: this.options.samples.maxSeconds, timeoutMs: this.options.samples.decodeTimeoutMs },
        trainingSampleRate: this.options.samples.trainingSampleRate,
        uploadedDurationSeconds: sample.snapshot().durationSeconds,
      });
    } catch (error) {
      if (!(error instanceof ApplicationError && error.code === VoiceSampleErrorCode.INVALID_AUDIO)) throw error;
      return this.recordUnanalysable(sample, error.message, owner);
    }
    await context.throwIfCancelled();
    const { metrics } = measured;

    let normalizedFileId: string | null = null;
    if (measured.trainingCopy) {
      context.reportProgress(0.7, 'Storing the normalised copy');
      normalizedFileId = await this.storeTrainingCopy(sample, measured.trainingCopy, measured.summary.durationSeconds);
    }

    const recorded = await this.unitOfWork.run(async () => {
      const current = await this.samples.findVisible(sampleId, owner, { lock: true });
      if (!current || current.status !== 'uploaded') return undefined;
      const now = new Date();
      current.recordAnalysis(metrics, normalizedFileId, now);
      await this.samples.update(current);
      const p = current.snapshot();
      await this.unitOfWork.recordEvents([
        createEnvelope(VoiceSampleAnalyzedEvent, {
          sample_id: p.id,
          owner_id: p.ownerId,
          status: p.status === 'ready' ? 'ready' : 'rejected',
          quality_score: metrics.qualityScore,
          rejection_reasons: [...p.rejectionReasons],
          normalized_file_id: p.normalizedFileId,
          analyzed_at: now.toISOString(),
        }),
      ]);
      return current;
    });
    if (!recorded) {
      if (normalizedFileId !== null) await deleteSampleFile(this.bus, normalizedFileId, sample.ownerId);
      return { sample_id: sampleId, status: 'deleted' };
    }
    this.logger.info({ sampleId, status: recorded.status, qualityScore: metrics.qualityScore }, 'voice sample analysed');
    return { sample_id: sampleId, status: recorded.status, quality_score: metrics.qualityScore };
  }

  private async storeTrainingCopy(sample: VoiceSample, wav: Uint8Array, durationSeconds: number): Promise<string> {
    const fileId = createId(IdPrefix.file);
    const key = blobKeyForFile(fileId);
    const stored = await this.blobs.put(key, Readable.from([wav]));
    try {
      await this.bus.send(RegisterStoredFileCommand, {
        file_id: fileId,
        owner_id: sample.ownerId,
        purpose: 'voice_sample',
        filename: `${sample.id}.${this.options.samples.trainingSampleRate}hz.wav`,
        content_type: 'audio/wav',
        size: stored.size,
        sha256: stored.sha256,
        blob_key: stored.key,
        duration: durationSeconds,
      });
    } catch (error) {
      await this.blobs.delete(key).catch(() => undefined);
      throw error;
    }
    return fileId;
  }

  private async recordUnanalysable(sample: VoiceSample, reason: string, owner: { userId: string; admin: boolean }): Promise<JobResult> {
    await this.unitOfWork.run(async () => {
      const current = await this.samples.findVisible(sample.id, owner, { lock: true });
      if (!current || current.status !== 'uploaded') return;
      const now = new Date();
      current.rejectUnanalysable(reason, now);
      await this.samples.update(current);
      await this.unitOfWork.recordEvents([
        createEnvelope(VoiceSampleAnalyzedEvent, {
          sample_id: current.id,
          owner_id: current.ownerId,
          status: 'rejected',
          quality_score: 0,
          rejection_reasons: [...current.snapshot().rejectionReasons],
          normalized_file_id: null,
          analyzed_at: now.toISOString(),
        }),
      ]);
    });
    this.logger.warn({ sampleId: sample.id, reason }, 'voice sample could not be analysed');
    return { sample_id: sample.id, status: 'rejected' };
  }
}

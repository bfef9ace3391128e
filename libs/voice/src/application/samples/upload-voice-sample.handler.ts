import { Inject, Injectable } from '@nestjs/common';
import {
  createId,
  IdPrefix,
  DeleteStoredFileCommand,
  RegisterStoredFileCommand,
  UploadVoiceSampleCommand,
  VoiceSampleDeletedEvent,
  VoiceSampleUploadedEvent,
  type PayloadOf,
  type VoiceSampleUploadView,
} from '#contracts';
import { JobRunner } from '#jobs';
import { createEnvelope, HandleMessage, MessageBus } from '#messaging';
import { APP_LOGGER, PlatformConfigProvider, type Logger } from '#service-runtime';
import { BlobStore } from '#storage';
import { VoiceSample } from '../../domain/samples/index.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { VoiceSampleAudioInspector } from '../ports/voice-sample-audio-inspector.js';
import { VoiceSampleUploadQuota } from '../ports/voice-sample-upload-quota.js';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';
import { VOICE_MODULE_OPTIONS, type VoiceModuleOptions } from '../../voice-module-options.js';
import { VOICE_SAMPLE_ANALYSIS_JOB, type VoiceSampleAnalysisInput } from './voice-sample-analysis.job-type.js';
import { readSampleBlob } from './voice-sample-audio.js';
import { assertSampleCountBelow } from './voice-sample-count-limit.js';
import { toVoiceSampleUploadView } from './voice-sample-views.js';

const MIME_TYPES = { wav: 'audio/wav', mp3: 'audio/mpeg', flac: 'audio/flac', ogg: 'audio/ogg' } as const;

/**
 * Turns a committed blob into a sample: decodes it within the limits (INVALID_AUDIO otherwise, and
 * the gateway deletes its blob), registers it with storage as a `voice_sample` file, then in one
 * transaction checks the sample count, uses a daily upload and records the sample with its
 * `voice.sample.uploaded` event; finally starts the analysis job. A failure after the registration
 * deletes the file again, so nothing is left behind.
 */
@Injectable()
export class UploadVoiceSampleHandler {
  constructor(
    private readonly samples: VoiceSampleRepository,
    private readonly quota: VoiceSampleUploadQuota,
    private readonly inspector: VoiceSampleAudioInspector,
    private readonly unitOfWork: UnitOfWork,
    private readonly blobs: BlobStore,
    private readonly bus: MessageBus,
    private readonly jobs: JobRunner,
    private readonly platform: PlatformConfigProvider,
    @Inject(VOICE_MODULE_OPTIONS) private readonly options: VoiceModuleOptions,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(UploadVoiceSampleCommand)
  async execute(payload: PayloadOf<typeof UploadVoiceSampleCommand>): Promise<VoiceSampleUploadView> {
    const limits = this.options.samples;
    const ownerId = String(payload.owner_id);
    assertSampleCountBelow(await this.samples.countByOwner(ownerId), this.platform.current().max_voice_samples_per_user);
    await this.quota.assertRemaining(ownerId);

    const inspected = await this.inspector.inspect(await readSampleBlob(this.blobs, payload.blob_key), {
      maxSeconds: limits.maxSeconds,
      timeoutMs: limits.decodeTimeoutMs,
    });
    const now = new Date();
    const sample = VoiceSample.upload(
      {
        id: createId(IdPrefix.voiceSample),
        ownerId,
        name: payload.name,
        description: payload.description,
        language: payload.language,
        format: inspected.format,
        durationSeconds: inspected.durationSeconds,
        fileId: payload.file_id,
        fileSize: payload.size,
        now,
      },
      limits,
    );
    const jobId = createId(IdPrefix.job);
    sample.attachAnalysisJob(jobId);

    await this.bus.send(RegisterStoredFileCommand, {
      file_id: payload.file_id,
      owner_id: ownerId,
      purpose: 'voice_sample',
      filename: payload.filename,
      content_type: MIME_TYPES[inspected.format],
      size: payload.size,
      sha256: payload.sha256,
      blob_key: payload.blob_key,
      duration: inspected.durationSeconds,
    });
    try {
      await this.unitOfWork.run(async () => {
        assertSampleCountBelow(await this.samples.lockOwnerAndCount(ownerId), this.platform.current().max_voice_samples_per_user);
        await this.quota.consume(ownerId);
        await this.samples.insert(sample);
        const p = sample.snapshot();
        await this.unitOfWork.recordEvents([
          createEnvelope(VoiceSampleUploadedEvent, {
            sample_id: p.id,
            owner_id: p.ownerId,
            format: p.format,
            duration: p.durationSeconds,
            language: p.language,
            file_id: p.fileId,
            created_at: p.createdAt.toISOString(),
          }),
        ]);
      });
    } catch (error) {
      await this.deleteFile(payload.file_id, ownerId);
      throw error;
    }

    // After the commit: the job's own row lives in job_checkpoints; pending jobs are re-sent at start-up.
    try {
      await this.jobs.start<VoiceSampleAnalysisInput>({
        type: VOICE_SAMPLE_ANALYSIS_JOB,
        userId: ownerId,
        input: { sample_id: sample.id },
        title: `Analyse voice sample ${sample.id}`,
        jobId,
      });
    } catch (error) {
      // A sample nobody will ever analyse is worse than a failed upload: take it back whole.
      await this.withdraw(sample);
      throw error;
    }
    this.logger.info({ sampleId: sample.id, userId: ownerId, format: inspected.format, jobId }, 'voice sample uploaded');
    return toVoiceSampleUploadView(sample);
  }

  private async withdraw(sample: VoiceSample): Promise<void> {
    try {
      await this.unitOfWork.run(async () => {
        await this.samples.delete(sample.id, { userId: sample.ownerId, admin: false });
        await this.unitOfWork.recordEvents([
          createEnvelope(VoiceSampleDeletedEvent, { sample_id: sample.id, owner_id: sample.ownerId, deleted_at: new Date().toISOString() }),
        ]);
      });
      await this.deleteFile(sample.fileId, sample.ownerId);
    } catch (error) {
      this.logger.error({ sampleId: sample.id, err: error }, 'Could not withdraw a voice sample whose analysis did not start');
    }
  }

  private async deleteFile(fileId: string, ownerId: string): Promise<void> {
    await this.bus
      .send(DeleteStoredFileCommand, { file_id: fileId, user_id: ownerId, admin: true })
      .catch((error: unknown) => this.logger.warn({ fileId, err: error }, 'Could not delete the file of a refused voice sample'));
  }
}

import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  createId,
  DEFAULT_TRAINING_CONFIG,
  ErrorCode,
  IdPrefix,
  TrainVoiceProfileCommand,
  TRAINING_LIMITS,
  VOICE_TRAINING_JOB_TYPE,
  VoiceProfileErrorCode,
  VoiceSampleErrorCode,
  type PayloadOf,
  type TrainingAcceptedView,
  type TrainingConfig,
} from '#contracts';
import { JobRunner } from '#jobs';
import { HandleMessage } from '#messaging';
import { newVoiceProfile } from '../../domain/voice-profile/voice-profile.js';
import { CandidateRenderer } from '../ports/fitter-candidate-renderer.js';
import { TrainingSampleSource } from '../ports/training-sample-source.js';
import { VoiceFitter } from '../ports/voice-fitter.js';
import { VoiceProfileRepository } from '../ports/voice-profile.repository.js';

export const MAX_TRAINING_SAMPLES = 10;
const MAX_NAME_LENGTH = 100;

/** The job's input: everything else it reads from the profile row. */
export interface VoiceTrainingInput {
  profile_id: string;
}

/**
 * Accepts a training request: the speaker's consent, the caller's own `ready` samples and a sane
 * config; records the profile (status `training`, who consented and when) and starts its job.
 */
@Injectable()
export class TrainVoiceProfileHandler {
  constructor(
    private readonly profiles: VoiceProfileRepository,
    private readonly samples: TrainingSampleSource,
    private readonly renderer: CandidateRenderer,
    private readonly fitter: VoiceFitter,
    private readonly runner: JobRunner,
  ) {}

  @HandleMessage(TrainVoiceProfileCommand)
  async execute(payload: PayloadOf<typeof TrainVoiceProfileCommand>): Promise<TrainingAcceptedView> {
    if (payload.consent !== true) {
      throw new ApplicationError(
        VoiceProfileErrorCode.CONSENT_REQUIRED,
        'Training a voice needs the consent of the speaker: send "consent": true once they agreed',
      );
    }
    const config = trainingConfig(payload.config);
    const sampleIds = [...new Set([payload.sample_id, ...(payload.sample_ids ?? [])].map(String))];
    if (sampleIds.length > MAX_TRAINING_SAMPLES) throw invalid('sample_ids', `at most ${MAX_TRAINING_SAMPLES} samples`);
    const name = payload.name === undefined ? undefined : String(payload.name).trim();
    if (name !== undefined && (name.length === 0 || name.length > MAX_NAME_LENGTH)) {
      throw invalid('name', `must be 1 to ${MAX_NAME_LENGTH} characters`);
    }

    const found = await this.samples.findForOwner(sampleIds, payload.user_id);
    for (const id of sampleIds) {
      const sample = found.find((candidate) => candidate.sampleId === id);
      if (!sample) throw new ApplicationError(VoiceSampleErrorCode.VOICE_SAMPLE_NOT_FOUND, `Voice sample ${id} not found`);
      if (sample.status !== 'ready') {
        throw new ApplicationError(
          VoiceProfileErrorCode.SAMPLE_NOT_READY,
          `Voice sample ${id} is ${sample.status}; only ready samples train a voice`,
        );
      }
    }

    const base = await this.renderer.baseVoice();
    const now = new Date();
    const profileId = createId(IdPrefix.voiceProfile);
    const jobId = createId(IdPrefix.job);
    const estimated = this.fitter.estimateSeconds(config);
    await this.profiles.insert(
      newVoiceProfile(
        {
          id: profileId,
          ownerId: payload.user_id,
          name: name ?? `Voice ${now.toISOString().slice(0, 10)}`,
          baseVoice: base.voice,
          language: found[0]!.language,
          sampleIds,
          trainingJobId: jobId,
          config,
          consent: { givenBy: payload.user_id, givenAt: now },
        },
        now,
      ),
    );
    await this.runner.start<VoiceTrainingInput>({
      jobId,
      type: VOICE_TRAINING_JOB_TYPE,
      userId: payload.user_id,
      input: { profile_id: profileId },
      title: `Train voice ${profileId}`,
      estimatedCompletion: new Date(now.getTime() + estimated * 1000),
    });
    return { training_job_id: jobId, estimated_duration: estimated, status: 'pending', voice_id: profileId };
  }
}

function trainingConfig(config: Partial<TrainingConfig> | undefined): TrainingConfig {
  const merged = { ...DEFAULT_TRAINING_CONFIG, ...(config ?? {}) };
  for (const field of ['epochs', 'learning_rate', 'batch_size'] as const) {
    const value = merged[field];
    const [low, high] = TRAINING_LIMITS[field];
    const integral = field !== 'learning_rate';
    if (typeof value !== 'number' || !Number.isFinite(value) || value < low || value > high || (integral && !Number.isInteger(value))) {
      throw invalid(`config.${field}`, `must be ${integral ? 'an integer' : 'a number'} between ${low} and ${high}`);
    }
  }
  return { epochs: merged.epochs, learning_rate: merged.learning_rate, batch_size: merged.batch_size };
}

function invalid(field: string, message: string): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, `${field} ${message}`, [{ field, messages: [message] }]);
}

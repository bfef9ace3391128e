import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ApplicationError, VOICE_TRAINING_JOB_TYPE, VoiceProfileErrorCode, VoiceSampleErrorCode, type JobResult } from '#contracts';
import { JobCancelledError, JobInterruptedError, JobRunner, type JobContext } from '#jobs';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { completeTraining, failTraining } from '../../domain/voice-profile/voice-profile.js';
import { TrainingSampleSource } from '../ports/training-sample-source.js';
import { VoiceFitter } from '../ports/voice-fitter.js';
import { VoiceProfileRepository } from '../ports/voice-profile.repository.js';
import type { VoiceTrainingInput } from './train-voice-profile.handler.js';
import { trainingTarget } from './training-target.js';

/**
 * The `voice_training` job: fits the profile to its samples through the VoiceFitter, checkpointing
 * every epoch (a resumed run goes on from there), and stores the result. A failure or a cancel leaves
 * the profile `failed` with the reason; a run taken over by another worker leaves it alone.
 */
@Injectable()
export class VoiceTrainingJob {
  constructor(
    runner: JobRunner,
    private readonly profiles: VoiceProfileRepository,
    private readonly samples: TrainingSampleSource,
    private readonly fitter: VoiceFitter,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    runner.register<VoiceTrainingInput, unknown>(VOICE_TRAINING_JOB_TYPE, (context) => this.run(context));
  }

  async run(context: JobContext<VoiceTrainingInput, unknown>): Promise<JobResult> {
    const profile = await this.profiles.findById(context.input.profile_id);
    if (!profile)
      throw new ApplicationError(VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND, 'The profile was deleted before it was trained');
    try {
      const found = await this.samples.findForOwner(profile.sampleIds, profile.ownerId);
      const measurements = [];
      for (const id of profile.sampleIds) {
        const sample = found.find((candidate) => candidate.sampleId === id);
        if (!sample) throw new ApplicationError(VoiceSampleErrorCode.VOICE_SAMPLE_NOT_FOUND, `Voice sample ${id} is gone`);
        measurements.push(await sample.measure());
      }
      const fit = await this.fitter.fit({
        baseVoice: profile.baseVoice,
        target: trainingTarget(measurements),
        config: profile.config,
        seed: seedOf(profile.id),
        resumeFrom: context.resumeFrom(),
        checkpoint: (state, progress, message) => context.checkpoint(state, progress, message),
      });
      const saved = await this.profiles.saveOutcome(completeTraining(profile, fit, new Date()));
      if (!saved) throw new ApplicationError(VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND, 'The profile was deleted while it trained');
      this.logger.info({ profileId: profile.id, before: fit.distanceBefore, after: fit.distanceAfter }, 'voice profile trained');
      return {
        voice_id: profile.id,
        distance_before: fit.distanceBefore,
        distance_after: fit.distanceAfter,
        pitch_factor: fit.pitchFactor,
      };
    } catch (error) {
      if (error instanceof JobInterruptedError) throw error;
      const reason = error instanceof JobCancelledError ? 'Training was cancelled' : error instanceof Error ? error.message : String(error);
      await this.profiles.saveOutcome(failTraining(profile, reason, new Date()));
      throw error;
    }
  }
}

/** The same profile always draws the same candidates (a resumed run included). */
function seedOf(profileId: string): number {
  return createHash('sha256').update(profileId).digest().readInt32LE(0);
}

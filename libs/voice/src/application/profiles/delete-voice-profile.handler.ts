import { Inject, Injectable } from '@nestjs/common';
import {
  CancelJobCommand,
  DeleteVoiceProfileCommand,
  VoiceProfileDeletedEvent,
  VoiceSampleDeletedEvent,
  type MessageEnvelope,
  type PayloadOf,
} from '#contracts';
import { createEnvelope, HandleMessage, MessageBus, OnEvent } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import type { VoiceProfile } from '../../domain/voice-profile/voice-profile.js';
import { VoiceProfileRepository } from '../ports/voice-profile.repository.js';
import { voiceProfileErrors } from './voice-profile-errors.js';

const deletedEvent = (profile: VoiceProfile): MessageEnvelope[] => [
  createEnvelope(VoiceProfileDeletedEvent, { profile_id: profile.id, owner_id: profile.ownerId, deleted_at: new Date().toISOString() }),
];

/** Deletes a profile on request, and the profiles trained only from a sample when that sample goes. */
@Injectable()
export class DeleteVoiceProfileHandler {
  constructor(
    private readonly profiles: VoiceProfileRepository,
    private readonly bus: MessageBus,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(DeleteVoiceProfileCommand)
  async execute(payload: PayloadOf<typeof DeleteVoiceProfileCommand>): Promise<void> {
    const deleted = await this.profiles.deleteVisible(String(payload.profile_id), payload, deletedEvent);
    if (!deleted) throw voiceProfileErrors.notFound(String(payload.profile_id));
    this.stopTraining(deleted);
  }

  @OnEvent(VoiceSampleDeletedEvent)
  async onSampleDeleted(payload: PayloadOf<typeof VoiceSampleDeletedEvent>): Promise<void> {
    const deleted = await this.profiles.deleteTrainedOnlyFrom(payload.sample_id, payload.owner_id, deletedEvent);
    for (const profile of deleted) this.stopTraining(profile);
    if (deleted.length > 0)
      this.logger.info({ sampleId: payload.sample_id, profiles: deleted.map((p) => p.id) }, 'profiles of a deleted sample deleted');
  }

  /** A profile deleted while training: its job has nothing left to write to, so it is cancelled. */
  private stopTraining(profile: VoiceProfile): void {
    if (profile.status !== 'training' || !profile.trainingJobId) return;
    this.bus
      .send(CancelJobCommand, { job_id: profile.trainingJobId, requester: { user_id: profile.ownerId, is_admin: false } })
      .catch((error: unknown) => this.logger.debug({ err: error, jobId: profile.trainingJobId }, 'training job not cancelled'));
  }
}

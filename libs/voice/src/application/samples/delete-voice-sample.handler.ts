import { Inject, Injectable } from '@nestjs/common';
import { DeleteVoiceSampleCommand, VoiceSampleDeletedEvent, type PayloadOf } from '#contracts';
import { createEnvelope, HandleMessage, MessageBus } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { voiceSampleErrors } from '../../domain/samples/index.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';
import { deleteSampleFile } from './voice-sample-files.js';
import { requesterScope } from './voice-sample-requester.js';

/**
 * Deletes a sample's files through storage first, then the row with its `voice.sample.deleted`
 * event: a failure between the two leaves the row, so a retry finishes the work.
 */
@Injectable()
export class DeleteVoiceSampleHandler {
  constructor(
    private readonly samples: VoiceSampleRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly bus: MessageBus,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(DeleteVoiceSampleCommand)
  async execute(payload: PayloadOf<typeof DeleteVoiceSampleCommand>): Promise<void> {
    const requester = requesterScope(payload.requester);
    const sampleId = String(payload.sample_id);
    const sample = await this.samples.findVisible(sampleId, requester);
    if (!sample) throw voiceSampleErrors.notFound(sampleId);
    for (const fileId of [sample.fileId, sample.normalizedFileId]) {
      if (fileId !== null) await deleteSampleFile(this.bus, fileId, sample.ownerId);
    }
    await this.unitOfWork.run(async () => {
      if (!(await this.samples.delete(sampleId, requester))) throw voiceSampleErrors.notFound(sampleId);
      await this.unitOfWork.recordEvents([
        createEnvelope(VoiceSampleDeletedEvent, { sample_id: sampleId, owner_id: sample.ownerId, deleted_at: new Date().toISOString() }),
      ]);
    });
    this.logger.info({ sampleId, userId: requester.userId }, 'voice sample deleted');
  }
}

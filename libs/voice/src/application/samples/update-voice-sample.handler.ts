import { Injectable } from '@nestjs/common';
import { UpdateVoiceSampleCommand, type PayloadOf, type VoiceSampleView } from '#contracts';
import { HandleMessage } from '#messaging';
import { voiceSampleErrors } from '../../domain/samples/index.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';
import { requesterScope } from './voice-sample-requester.js';
import { toVoiceSampleView } from './voice-sample-views.js';

/** Renames or re-describes a sample (its audio and analysis never change). */
@Injectable()
export class UpdateVoiceSampleHandler {
  constructor(
    private readonly samples: VoiceSampleRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  @HandleMessage(UpdateVoiceSampleCommand)
  async execute(payload: PayloadOf<typeof UpdateVoiceSampleCommand>): Promise<VoiceSampleView> {
    return this.unitOfWork.run(async () => {
      const sample = await this.samples.findVisible(String(payload.sample_id), requesterScope(payload.requester), { lock: true });
      if (!sample) throw voiceSampleErrors.notFound(String(payload.sample_id));
      sample.edit({ name: payload.name, description: payload.description }, new Date());
      await this.samples.update(sample);
      return toVoiceSampleView(sample);
    });
  }
}

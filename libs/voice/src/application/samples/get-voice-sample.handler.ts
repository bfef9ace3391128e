import { Injectable } from '@nestjs/common';
import { GetVoiceSampleQuery, type PayloadOf, type VoiceSampleView } from '#contracts';
import { HandleMessage } from '#messaging';
import { voiceSampleErrors } from '../../domain/samples/index.js';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';
import { requesterScope } from './voice-sample-requester.js';
import { toVoiceSampleView } from './voice-sample-views.js';

/** One sample with its analysis; VOICE_SAMPLE_NOT_FOUND for another user's (unless admin). */
@Injectable()
export class GetVoiceSampleHandler {
  constructor(private readonly samples: VoiceSampleRepository) {}

  @HandleMessage(GetVoiceSampleQuery)
  async execute(payload: PayloadOf<typeof GetVoiceSampleQuery>): Promise<VoiceSampleView> {
    const sample = await this.samples.findVisible(String(payload.sample_id), requesterScope(payload.requester));
    if (!sample) throw voiceSampleErrors.notFound(String(payload.sample_id));
    return toVoiceSampleView(sample);
  }
}

import { Injectable } from '@nestjs/common';
import {
  ListVoiceSamplesQuery,
  pageView,
  VOICE_SAMPLE_SORT_FIELDS,
  VOICE_SAMPLE_STATUSES,
  type PageView,
  type PayloadOf,
  type VoiceSampleSummaryView,
} from '#contracts';
import { HandleMessage } from '#messaging';
import { voiceSampleErrors } from '../../domain/samples/index.js';
import { VoiceSampleRepository } from '../ports/voice-sample.repository.js';
import { requesterScope } from './voice-sample-requester.js';
import { toVoiceSampleSummaryView } from './voice-sample-views.js';

const MAX_PAGE_SIZE = 100;

/** The requester's samples (every user's for an admin), filtered, sorted and paged. */
@Injectable()
export class ListVoiceSamplesHandler {
  constructor(private readonly samples: VoiceSampleRepository) {}

  @HandleMessage(ListVoiceSamplesQuery)
  async execute(payload: PayloadOf<typeof ListVoiceSamplesQuery>): Promise<{ samples: VoiceSampleSummaryView[]; pagination: PageView }> {
    const page = Number(payload.page);
    const pageSize = Number(payload.page_size);
    if (!Number.isInteger(page) || page < 1) throw voiceSampleErrors.invalidField('page', 'must be a positive integer');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
      throw voiceSampleErrors.invalidField('page_size', `must be between 1 and ${MAX_PAGE_SIZE}`);
    if (payload.status !== undefined && !VOICE_SAMPLE_STATUSES.includes(payload.status))
      throw voiceSampleErrors.invalidField('status', `must be one of ${VOICE_SAMPLE_STATUSES.join(', ')}`);
    const sort = payload.sort ?? 'created_at';
    if (!VOICE_SAMPLE_SORT_FIELDS.includes(sort))
      throw voiceSampleErrors.invalidField('sort', `must be one of ${VOICE_SAMPLE_SORT_FIELDS.join(', ')}`);
    const order = payload.order ?? 'desc';
    if (order !== 'asc' && order !== 'desc') throw voiceSampleErrors.invalidField('order', 'must be asc or desc');

    const { samples, total } = await this.samples.list({
      requester: requesterScope(payload.requester),
      status: payload.status,
      language: payload.language,
      sort,
      order,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { samples: samples.map(toVoiceSampleSummaryView), pagination: pageView(page, pageSize, total) };
  }
}

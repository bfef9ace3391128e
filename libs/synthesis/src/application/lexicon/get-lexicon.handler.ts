import { Injectable } from '@nestjs/common';
import { GetLexiconQuery, type LexiconView, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { toLexiconEntryView } from './lexicon-entries.js';
import { LexiconRepository } from './lexicon.repository.js';

@Injectable()
export class GetLexiconHandler {
  constructor(private readonly repository: LexiconRepository) {}

  @HandleMessage(GetLexiconQuery)
  async execute(payload: PayloadOf<typeof GetLexiconQuery>): Promise<LexiconView> {
    const stored = await this.repository.find(payload.user_id);
    return {
      entries: stored?.entries.map(toLexiconEntryView) ?? [],
      updated_at: stored ? stored.updatedAt.toISOString() : null,
    };
  }
}

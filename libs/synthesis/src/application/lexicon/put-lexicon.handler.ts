import { Injectable } from '@nestjs/common';
import { PutLexiconCommand, type LexiconView, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { SpeechEngine } from '../../engine/speech-engine.js';
import { ipaSymbolsOf, toLexiconEntryView, validateLexiconEntries } from './lexicon-entries.js';
import { LexiconProvider } from './lexicon.provider.js';
import { LexiconRepository } from './lexicon.repository.js';

/** Replaces a user's lexicon after checking its IPA against the symbols of the loaded voices. */
@Injectable()
export class PutLexiconHandler {
  constructor(
    private readonly repository: LexiconRepository,
    private readonly lexicons: LexiconProvider,
    private readonly engine: SpeechEngine,
  ) {}

  @HandleMessage(PutLexiconCommand)
  async execute(payload: PayloadOf<typeof PutLexiconCommand>): Promise<LexiconView> {
    const symbols = ipaSymbolsOf(this.engine.voices.map((voice) => voice.phonemeIdMap));
    const entries = validateLexiconEntries(payload.entries, symbols);
    const updatedAt = new Date();
    await this.repository.replace(payload.user_id, { entries, updatedAt });
    this.lexicons.invalidate(payload.user_id);
    return { entries: entries.map(toLexiconEntryView), updated_at: updatedAt.toISOString() };
  }
}

import type { LexiconEntry } from '../../text/lexicon.js';

export interface StoredLexicon {
  entries: LexiconEntry[];
  updatedAt: Date;
}

/** The users' pronunciation lexicons, one list per user, replaced as a whole. */
export abstract class LexiconRepository {
  abstract find(userId: string): Promise<StoredLexicon | undefined>;
  abstract replace(userId: string, lexicon: StoredLexicon): Promise<void>;
}

import { Injectable } from '@nestjs/common';
import type { Lexicon } from '../../text/lexicon.js';
import { LexiconRepository } from './lexicon.repository.js';

/** How long a user's lexicon is reused without asking the database; a put in this process drops it at once. */
export const LEXICON_CACHE_TTL_MS = 5000;
const MAX_CACHED_USERS = 1000;

/** The lexicon the synthesis handlers pass to the engine (`SpeechRequest.lexicon`), briefly cached per user. */
@Injectable()
export class LexiconProvider {
  private readonly cache = new Map<string, { lexicon: Lexicon | undefined; expiresAt: number }>();

  constructor(
    private readonly repository: LexiconRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user's entries, or undefined when they have none. */
  async forUser(userId: string): Promise<Lexicon | undefined> {
    const cached = this.cache.get(userId);
    if (cached && cached.expiresAt > this.now()) return cached.lexicon;
    const stored = await this.repository.find(userId);
    const lexicon = stored && stored.entries.length > 0 ? stored.entries : undefined;
    this.cache.delete(userId);
    if (this.cache.size >= MAX_CACHED_USERS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(userId, { lexicon, expiresAt: this.now() + LEXICON_CACHE_TTL_MS });
    return lexicon;
  }

  invalidate(userId: string): void {
    this.cache.delete(userId);
  }
}

import type { LexiconEntry } from '../../text/lexicon.js';
import { LEXICON_CACHE_TTL_MS, LexiconProvider } from './lexicon.provider.js';
import { LexiconRepository, type StoredLexicon } from './lexicon.repository.js';

class CountingRepository extends LexiconRepository {
  readonly stored = new Map<string, StoredLexicon>();
  reads = 0;

  async find(userId: string): Promise<StoredLexicon | undefined> {
    this.reads++;
    return this.stored.get(userId);
  }

  async replace(userId: string, lexicon: StoredLexicon): Promise<void> {
    this.stored.set(userId, lexicon);
  }
}

const ENTRIES: LexiconEntry[] = [{ word: 'Voxify', ipa: 'vˈɑːksɪfaɪ' }];

describe('LexiconProvider', () => {
  let now: number;
  let repository: CountingRepository;
  let provider: LexiconProvider;

  beforeEach(() => {
    now = 1_000_000;
    repository = new CountingRepository();
    provider = new LexiconProvider(repository, () => now);
  });

  it('answers undefined for no lexicon or an empty one', async () => {
    expect(await provider.forUser('usr_a')).toBeUndefined();
    await repository.replace('usr_b', { entries: [], updatedAt: new Date() });
    expect(await provider.forUser('usr_b')).toBeUndefined();
  });

  it('reuses a lexicon for a few seconds, then reads it again', async () => {
    await repository.replace('usr_a', { entries: ENTRIES, updatedAt: new Date() });
    expect(await provider.forUser('usr_a')).toEqual(ENTRIES);
    await repository.replace('usr_a', { entries: [], updatedAt: new Date() });
    now += LEXICON_CACHE_TTL_MS - 1;
    expect(await provider.forUser('usr_a')).toEqual(ENTRIES);
    expect(repository.reads).toBe(1);
    now += 1;
    expect(await provider.forUser('usr_a')).toBeUndefined();
    expect(repository.reads).toBe(2);
  });

  it('reads again at once after invalidate, for that user only', async () => {
    await repository.replace('usr_a', { entries: ENTRIES, updatedAt: new Date() });
    await repository.replace('usr_b', { entries: ENTRIES, updatedAt: new Date() });
    await provider.forUser('usr_a');
    await provider.forUser('usr_b');
    provider.invalidate('usr_a');
    await provider.forUser('usr_a');
    await provider.forUser('usr_b');
    expect(repository.reads).toBe(3);
  });
});

import { createHash } from 'node:crypto';
import type { Lexicon } from '../../text/lexicon.js';

/** A short digest of a lexicon's content, for cache keys of audio spoken with it; null without one. */
export function lexiconVersion(lexicon: Lexicon | undefined): string | null {
  if (!lexicon || lexicon.length === 0) return null;
  const canonical = JSON.stringify(
    lexicon.map((entry) => ('ipa' in entry ? [entry.word, 'ipa', entry.ipa] : [entry.word, 'respelling', entry.respelling])),
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

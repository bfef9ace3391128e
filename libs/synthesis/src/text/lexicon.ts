/** How one word of a user's lexicon is said: its IPA, or a respelling that espeak reads instead. */
export type LexiconEntry = { word: string; ipa: string } | { word: string; respelling: string };

/** A user's pronunciations; plain JSON. */
export type Lexicon = readonly LexiconEntry[];

/** One stretch of text after the lexicon: words to read, or a word given as IPA (with the word for display). */
export type LexiconSegment = string | { ipa: string; word: string };

/**
 * Whole-word, case-insensitive matching of a lexicon against text; the longest entry wins where
 * entries overlap ("New York" before "New").
 */
export class LexiconMatcher {
  private readonly pattern: RegExp | undefined;
  private readonly entries = new Map<string, LexiconEntry>();

  constructor(lexicon: Lexicon) {
    for (const entry of lexicon) {
      const key = lexiconKey(entry.word);
      if (key) this.entries.set(key, entry);
    }
    const words = [...this.entries.keys()].sort((a, b) => b.length - a.length);
    if (words.length > 0) {
      const alternatives = words.map((word) => word.split(' ').map(escapeRegExp).join('\\s+'));
      this.pattern = new RegExp(`(?<![\\p{L}\\p{N}'’])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}]|['’]\\p{L})`, 'giu');
    }
  }

  get empty(): boolean {
    return this.pattern === undefined;
  }

  /** `text` with every listed word replaced: respellings inline, IPA entries as their own segments. */
  apply(text: string): LexiconSegment[] {
    if (!this.pattern) return [text];
    const segments: LexiconSegment[] = [];
    let pending = '';
    let last = 0;
    for (const match of text.matchAll(this.pattern)) {
      const entry = this.entries.get(lexiconKey(match[0]));
      if (!entry) continue;
      pending += text.slice(last, match.index);
      last = match.index + match[0].length;
      if ('ipa' in entry) {
        if (pending) segments.push(pending);
        pending = '';
        segments.push({ ipa: entry.ipa, word: match[0] });
      } else {
        pending += entry.respelling;
      }
    }
    pending += text.slice(last);
    if (pending) segments.push(pending);
    return segments;
  }
}

/** The form a word is matched by: NFC, lower case, single spaces. */
export function lexiconKey(word: string): string {
  return word.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

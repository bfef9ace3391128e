const HAS_WORDS = /[\p{L}\p{N}]/u;

/**
 * Sentences: text up to and including `.`, `!`, `?` (or `…`) followed by whitespace or the end.
 * A fragment is kept when `speakable` finds something to say in it (by default a letter or digit).
 */
export function splitSentences(text: string, speakable: RegExp = HAS_WORDS): string[] {
  const sentences: string[] = [];
  const pattern = /[^.!?…]*(?:[.!?…]+["')\]]*|$)/g;
  for (const match of text.matchAll(pattern)) {
    const sentence = match[0].trim();
    if (sentence && speakable.test(sentence)) sentences.push(sentence);
  }
  return sentences;
}

export interface Clause {
  text: string;
  /** The clause's punctuation mark (`, ; : . ! ?`), or '' when it has none. */
  terminator: string;
}

/** Piper's clause split: at `, ; : . ! ?`; the first mark of each run is the clause's terminator. */
export function splitClauses(sentence: string): Clause[] {
  const clauses: Clause[] = [];
  for (const match of sentence.matchAll(/([^,;:.!?]+)([,;:.!?]*)/g)) {
    const text = match[1]!.trim();
    if (!text || !/[\p{L}\p{N}]/u.test(text)) continue;
    clauses.push({ text, terminator: match[2] ? match[2][0]! : '' });
  }
  return clauses;
}

import type { Clause } from './split-sentences.js';

export type PhonemeIdMap = Readonly<Record<string, readonly number[]>>;

/**
 * One sentence's phoneme string as the model was trained on: each clause's IPA, then its
 * punctuation mark (plus a space after `, ; :`), NFD-normalised. `ipa` holds one entry per clause.
 */
export function clausePhonemes(clauses: readonly Clause[], ipa: readonly string[]): string {
  let phonemes = '';
  clauses.forEach((clause, index) => {
    phonemes += (ipa[index] ?? '').replace(/\([^)]*\)/g, '') + clause.terminator;
    if (clause.terminator === ',' || clause.terminator === ';' || clause.terminator === ':') phonemes += ' ';
  });
  return phonemes.normalize('NFD');
}

/** Piper ids: BOS, PAD, (phoneme, PAD)*, EOS; each codepoint is one phoneme, unknown ones are skipped. */
export function phonemeIds(phonemes: string, map: PhonemeIdMap): number[] {
  const pad = map['_']![0]!;
  const ids = [map['^']![0]!, pad];
  for (const phoneme of Array.from(phonemes)) {
    const mapped = map[phoneme];
    if (!mapped) continue;
    ids.push(...mapped, pad);
  }
  ids.push(map['$']![0]!);
  return ids;
}

import { clausePhonemes, phonemeIds, type PhonemeIdMap } from './phoneme-ids.js';
import { normalizeText } from './normalize-text.js';
import { splitClauses, splitSentences } from './split-sentences.js';

export const SENTENCE_PAUSE_SECONDS = 0.25;

/**
 * One sentence of a request, ready to render on any synthesis instance: plain JSON, so a gateway
 * can hold the plan of a stream and send its sentences one by one.
 */
export interface SentencePlan {
  /** 0-based position in the request. */
  index: number;
  /** The sentence after normalisation (numbers as words). */
  text: string;
  /** Silence after this sentence when another follows, in seconds. */
  pauseAfter: number;
}

export interface PlanInput {
  text: string;
}

/** The sentences of a request's text, in order. */
export function planSentences(input: PlanInput): SentencePlan[] {
  return splitSentences(normalizeText(input.text))
    .filter((sentence) => splitClauses(sentence).length > 0)
    .map((text, index) => ({ index, text, pauseAfter: SENTENCE_PAUSE_SECONDS }));
}

export type Phonemize = (text: string) => Promise<string>;

/** The Piper phoneme-id row of one planned sentence. */
export async function sentencePhonemeIds(sentence: SentencePlan, phonemize: Phonemize, phonemeIdMap: PhonemeIdMap): Promise<number[]> {
  const clauses = splitClauses(sentence.text);
  const ipa: string[] = [];
  for (const clause of clauses) ipa.push(await phonemize(clause.text));
  return phonemeIds(clausePhonemes(clauses, ipa), phonemeIdMap);
}

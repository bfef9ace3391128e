import { LexiconMatcher, type Lexicon } from './lexicon.js';
import { normalizeText } from './normalize-text.js';
import { clausePhonemes, phonemeIds, type PhonemeIdMap } from './phoneme-ids.js';
import {
  NEUTRAL_PROSODY,
  planRun,
  SENTENCE_PAUSE_SECONDS,
  withoutPlaceholders,
  type SentencePiece,
  type SentencePlan,
} from './sentence-run.js';
import { MAX_BREAK_SECONDS, PROSODY_LIMITS } from './ssml-values.js';
import { planSsml } from './ssml-plan.js';
import { isSsml, parseSsml } from './ssml-parser.js';
import { splitClauses, splitSentences } from './split-sentences.js';

export { NEUTRAL_PROSODY, SENTENCE_PAUSE_SECONDS, type Prosody, type SentencePiece, type SentencePlan } from './sentence-run.js';
export { InvalidSsmlError, isSsml } from './ssml-parser.js';
export type { Lexicon, LexiconEntry } from './lexicon.js';

export interface PlanInput {
  /** Plain text, or SSML when it starts with `<speak` (or an XML prolog): see `isSsml`. */
  text: string;
  /** The user's pronunciations, applied to whole words of the text (not inside SSML phoneme/sub/say-as). */
  lexicon?: Lexicon;
}

/**
 * The sentences of a request's text, in order. Throws InvalidSsmlError for SSML that is refused.
 * Plain text without lexicon matches gives plans with only index, text and pauseAfter.
 */
export function planSentences(input: PlanInput): SentencePlan[] {
  const matcher = new LexiconMatcher(input.lexicon ?? []);
  if (isSsml(input.text)) return planSsml(parseSsml(input.text), matcher);
  if (matcher.empty) {
    return splitSentences(normalizeText(input.text))
      .filter((sentence) => splitClauses(sentence).length > 0)
      .map((text, index) => ({ index, text, pauseAfter: SENTENCE_PAUSE_SECONDS }));
  }
  return planRun(matcher.apply(withoutPlaceholders(input.text)), NEUTRAL_PROSODY).map((sentence, index) => ({ ...sentence, index }));
}

export type Phonemize = (text: string) => Promise<string>;

/**
 * The Piper phoneme-id row of one planned sentence: its text through espeak, clause by clause, or
 * its pieces in order, IPA pieces as given (symbols the voice does not know are dropped).
 */
export async function sentencePhonemeIds(sentence: SentencePlan, phonemize: Phonemize, phonemeIdMap: PhonemeIdMap): Promise<number[]> {
  if (!sentence.pieces) {
    const clauses = splitClauses(sentence.text);
    const ipa: string[] = [];
    for (const clause of clauses) ipa.push(await phonemize(clause.text));
    return phonemeIds(clausePhonemes(clauses, ipa), phonemeIdMap);
  }
  let phonemes = '';
  for (const piece of sentence.pieces) {
    const part = 'ipa' in piece ? piece.ipa.normalize('NFD').replace(/\s+/g, ' ').trim() : await textPiecePhonemes(piece.text, phonemize);
    if (!part) continue;
    if (phonemes && !phonemes.endsWith(' ') && !/^[,;:.!?]/.test(part)) phonemes += ' ';
    phonemes += part;
  }
  return phonemeIds(phonemes, phonemeIdMap);
}

/** A text piece's IPA with its punctuation, including a mark it starts with (the rest of a sentence after a word in IPA). */
async function textPiecePhonemes(text: string, phonemize: Phonemize): Promise<string> {
  const leading = /^\s*([,;:.!?])/.exec(text)?.[1];
  const clauses = splitClauses(text);
  const ipa: string[] = [];
  for (const clause of clauses) ipa.push(await phonemize(clause.text));
  const lead = leading ? clausePhonemes([{ text: '', terminator: leading }], ['']) : '';
  return (lead + clausePhonemes(clauses, ipa)).trim();
}

const MAX_PIECES = 2000;
/** Breaks in a row add up; this bounds what a plan from elsewhere may ask for. */
const MAX_PLANNED_PAUSE_SECONDS = 6 * MAX_BREAK_SECONDS;

/**
 * A sentence plan received over the bus, checked: the shape planSentences makes, prosody factors
 * within PROSODY_LIMITS. Undefined for anything else, so a render never trusts a foreign value.
 */
export function sentencePlanFrom(value: unknown): SentencePlan | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Record<string, unknown>;
  const { index, text, pauseAfter } = candidate;
  if (!Number.isSafeInteger(index) || (index as number) < 0 || typeof text !== 'string') return undefined;
  if (typeof pauseAfter !== 'number' || !Number.isFinite(pauseAfter) || pauseAfter < 0 || pauseAfter > MAX_PLANNED_PAUSE_SECONDS)
    return undefined;
  const plan: SentencePlan = { index: index as number, text, pauseAfter };
  for (const kind of ['rate', 'pitch', 'volume'] as const) {
    const factor = candidate[kind];
    if (factor === undefined) continue;
    const [low, high] = PROSODY_LIMITS[kind];
    if (typeof factor !== 'number' || !(factor >= low && factor <= high)) return undefined;
    plan[kind] = factor;
  }
  if (candidate['pieces'] !== undefined) {
    const pieces = candidate['pieces'];
    if (!Array.isArray(pieces) || pieces.length > MAX_PIECES) return undefined;
    const checked: SentencePiece[] = [];
    for (const piece of pieces as unknown[]) {
      const entry = (typeof piece === 'object' && piece !== null ? piece : {}) as Record<string, unknown>;
      if (typeof entry['text'] === 'string' && entry['ipa'] === undefined) checked.push({ text: entry['text'] });
      else if (typeof entry['ipa'] === 'string' && entry['text'] === undefined) checked.push({ ipa: entry['ipa'] });
      else return undefined;
    }
    plan.pieces = checked;
  }
  return plan;
}

import type { LexiconSegment } from './lexicon.js';
import { normalizeText } from './normalize-text.js';
import { splitClauses, splitSentences } from './split-sentences.js';

export const SENTENCE_PAUSE_SECONDS = 0.25;

/** Part of a sentence: text that espeak phonemises, or IPA given by the request (SSML `phoneme`, the user's lexicon). */
export type SentencePiece = { text: string } | { ipa: string };

/**
 * One sentence of a request, ready to render on any synthesis instance: plain JSON, so a gateway
 * can hold the plan of a stream and send its sentences one by one. The optional fields are only
 * present when SSML or a lexicon set them; a plain-text plan has none of them.
 */
export interface SentencePlan {
  /** 0-based position in the request. */
  index: number;
  /** The sentence after normalisation (numbers as words); words given as IPA appear as written. */
  text: string;
  /** Silence after this sentence when another follows, in seconds. */
  pauseAfter: number;
  /** Speed factor from SSML `prosody rate`, multiplied with the request's speed (absent: 1). */
  rate?: number;
  /** Frequency factor from SSML `prosody pitch`, multiplied with the request's pitch (absent: 1). */
  pitch?: number;
  /** Gain factor from SSML `prosody volume`, multiplied with the request's volume (absent: 1). */
  volume?: number;
  /** When present, what to phonemise instead of `text`: text pieces through espeak, IPA pieces as given. */
  pieces?: SentencePiece[];
}

/** Prosody factors of a run of text; 1 is the request's own setting. */
export interface Prosody {
  rate: number;
  pitch: number;
  volume: number;
}

export const NEUTRAL_PROSODY: Prosody = { rate: 1, pitch: 1, volume: 1 };

// Words given as IPA stand in the text as private-use characters while it is normalised and split,
// so that sentence and clause boundaries fall where the surrounding text puts them.
const PLACEHOLDER_BASE = 0xe000;
const PLACEHOLDER_COUNT = 0x1900;
const PLACEHOLDER = /[\uE000-\uF8FF]/u;
const SPEAKABLE = /[\p{L}\p{N}\uE000-\uF8FF]/u;
const ENDS_SENTENCE = /[.!?…]["')\]]*$/;

/** Private-use characters of the input itself would be taken for placeholders. */
export function withoutPlaceholders(text: string): string {
  return text.replace(/[\uE000-\uF8FF]/gu, ' ');
}

/**
 * The sentences of one run of text with the same prosody (index still 0). The last one pauses
 * SENTENCE_PAUSE_SECONDS when it ends a sentence and not at all when the run stops mid-sentence.
 */
export function planRun(segments: readonly LexiconSegment[], prosody: Prosody): SentencePlan[] {
  const given: { ipa: string; word: string }[] = [];
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'string') {
      text += segment;
    } else if (given.length < PLACEHOLDER_COUNT) {
      text += ` ${String.fromCharCode(PLACEHOLDER_BASE + given.length)} `;
      given.push(segment);
    }
  }
  const sentences = splitSentences(normalizeText(text), SPEAKABLE)
    .map((sentence) => toPlan(sentence, given, prosody))
    .filter((plan): plan is SentencePlan => plan !== undefined);
  const last = sentences.at(-1);
  if (last && !ENDS_SENTENCE.test(last.text)) last.pauseAfter = 0;
  return sentences;
}

function toPlan(sentence: string, given: readonly { ipa: string; word: string }[], prosody: Prosody): SentencePlan | undefined {
  const plan: SentencePlan = { index: 0, text: sentence, pauseAfter: SENTENCE_PAUSE_SECONDS };
  if (prosody.rate !== 1) plan.rate = prosody.rate;
  if (prosody.pitch !== 1) plan.pitch = prosody.pitch;
  if (prosody.volume !== 1) plan.volume = prosody.volume;
  if (!PLACEHOLDER.test(sentence)) return splitClauses(sentence).length > 0 ? plan : undefined;
  const pieces: SentencePiece[] = [];
  let display = '';
  for (const part of sentence.split(/([\uE000-\uF8FF])/u)) {
    if (part.length === 1 && PLACEHOLDER.test(part)) {
      const word = given[part.charCodeAt(0) - PLACEHOLDER_BASE]!;
      if (word.ipa.trim()) pieces.push({ ipa: word.ipa });
      display += word.word;
    } else if (part) {
      if (part.trim()) pieces.push({ text: part });
      display += part;
    }
  }
  if (!pieces.some((piece) => 'ipa' in piece || splitClauses(piece.text).length > 0)) return undefined;
  plan.text = display
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;:.!?…])/g, '$1')
    .trim();
  plan.pieces = pieces;
  return plan;
}

import type { PhonemeIdMap } from '../text/phoneme-ids.js';

export interface WordTiming {
  word: string;
  /** Seconds from the start of the sentence's audio. */
  start: number;
  end: number;
}

export interface WordTimingInput {
  /** The sentence as it was phonemised. */
  text: string;
  /** Its Piper phoneme-id row (BOS, PAD, (phoneme, PAD)*, EOS). */
  ids: readonly number[];
  /** Model frames per id; without them every id gets the same share of the audio. */
  durations?: ArrayLike<number>;
  /** Length of the sentence's audio in seconds. */
  seconds: number;
  phonemeIdMap: PhonemeIdMap;
}

/** Words as the clause splitter sees them: separated by white space and clause punctuation. */
const WORD_SEPARATORS = /[\s,;:.!?]+/u;
const HAS_LETTER = /[\p{L}\p{N}]/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const NOT_A_SOUND = /^[\p{P}\p{S}\s]$/u;

interface SpokenGroup {
  /** Indexes in the id row of the group's phonemes (punctuation, pads and spaces left out). */
  sounds: number[];
}

/**
 * Word start/end times of one sentence. espeak separates words with spaces, so the id row splits
 * into groups at the space id. espeak joins some short words ("of the" → "ʌvðə"), so when the counts
 * differ the words are aligned to the groups monotonically by length (letters against phonemes), and
 * a group holding several words is shared out by their letter counts. Times come from the model's
 * per-id durations when given, else from an equal share per id.
 */
export function wordTimings(input: WordTimingInput): WordTiming[] {
  const words = input.text
    .split(WORD_SEPARATORS)
    .filter((token) => HAS_LETTER.test(token))
    .map((token) => token.replace(EDGE_PUNCTUATION, ''));
  const groups = spokenGroups(input.ids, input.phonemeIdMap);
  if (words.length === 0 || groups.length === 0) return [];
  const times = idTimes(input.ids.length, input.durations, input.seconds);
  const letters = words.map((word) => Array.from(word).filter((char) => HAS_LETTER.test(char)).length || 1);
  const spans = alignWords(
    letters,
    groups.map((group) => group.sounds.length),
  ).flatMap((segment) => {
    if (segment.words.length === 1) {
      return [{ word: segment.words[0]!, sounds: segment.groups.flatMap((g) => groups[g]!.sounds) }];
    }
    return shareGroup(groups[segment.groups[0]!]!.sounds, segment.words, letters);
  });
  const isPad = new Set(input.phonemeIdMap['_'] ?? []);
  return spans.map((span, i) => {
    const first = span.sounds[0]!;
    const next = spans[i + 1]?.sounds[0];
    const last = span.sounds[span.sounds.length - 1]!;
    // Inside a joined group the next word starts where this one ends; otherwise include the trailing pad.
    const endIndex = next !== undefined && next === last + 2 ? next : isPad.has(input.ids[last + 1]!) ? last + 2 : last + 1;
    return { word: words[span.word]!, start: round(times[first]!), end: round(times[Math.min(endIndex, times.length - 1)]!) };
  });
}

const idClasses = new WeakMap<PhonemeIdMap, { silent: ReadonlySet<number>; space: ReadonlySet<number> }>();

/** Ids that are no sound (pad, BOS, EOS, punctuation) and the word separator, once per voice. */
function classesOf(map: PhonemeIdMap): { silent: ReadonlySet<number>; space: ReadonlySet<number> } {
  let classes = idClasses.get(map);
  if (!classes) {
    const silent = new Set<number>([...(map['_'] ?? []), ...(map['^'] ?? []), ...(map['$'] ?? [])]);
    for (const [symbol, symbolIds] of Object.entries(map)) if (NOT_A_SOUND.test(symbol)) symbolIds.forEach((id) => silent.add(id));
    classes = { silent, space: new Set(map[' '] ?? []) };
    idClasses.set(map, classes);
  }
  return classes;
}

function spokenGroups(ids: readonly number[], map: PhonemeIdMap): SpokenGroup[] {
  const { silent, space } = classesOf(map);
  const groups: SpokenGroup[] = [];
  let current: number[] = [];
  ids.forEach((id, index) => {
    if (space.has(id)) {
      if (current.length) groups.push({ sounds: current });
      current = [];
    } else if (!silent.has(id)) current.push(index);
  });
  if (current.length) groups.push({ sounds: current });
  return groups;
}

/** Start time of each id, plus the end of the last one. */
function idTimes(count: number, durations: ArrayLike<number> | undefined, seconds: number): Float64Array {
  const times = new Float64Array(count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) total += durations ? Math.max(0, durations[i] ?? 0) : 1;
  if (total <= 0) return times;
  for (let i = 0; i < count; i++) times[i + 1] = times[i]! + ((durations ? Math.max(0, durations[i] ?? 0) : 1) / total) * seconds;
  return times;
}

interface Segment {
  words: number[];
  groups: number[];
}

/**
 * Monotonic alignment of words (by letters) to groups (by phonemes): each segment is one group with
 * one or more words, or one word with one or more groups, chosen to keep the length shares closest.
 */
function alignWords(letters: readonly number[], sounds: readonly number[]): Segment[] {
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  if (letters.length === sounds.length) return letters.map((_, i) => ({ words: [i], groups: [i] }));
  const many = letters.length > sounds.length ? letters : sounds;
  const few = letters.length > sounds.length ? sounds : letters;
  const manyTotal = many.reduce((a, b) => a + b, 0);
  const fewTotal = few.reduce((a, b) => a + b, 0);
  const prefix = [0];
  for (const value of many) prefix.push(prefix[prefix.length - 1]! + value);
  // cost[f][m]: best cost with the first f of `few` holding the first m of `many`.
  const cost = Array.from({ length: few.length + 1 }, () => new Float64Array(many.length + 1).fill(Infinity));
  const from = Array.from({ length: few.length + 1 }, () => new Int32Array(many.length + 1));
  cost[0]![0] = 0;
  for (let f = 1; f <= few.length; f++) {
    for (let m = f; m <= many.length - (few.length - f); m++) {
      for (let k = f - 1; k < m; k++) {
        const share = (prefix[m]! - prefix[k]!) / manyTotal - few[f - 1]! / fewTotal;
        const candidate = cost[f - 1]![k]! + share * share;
        if (candidate < cost[f]![m]!) {
          cost[f]![m] = candidate;
          from[f]![m] = k;
        }
      }
    }
  }
  const segments: Segment[] = [];
  for (let f = few.length, m = many.length; f > 0; f--) {
    const k = from[f]![m]!;
    segments.unshift(letters.length > sounds.length ? { words: range(k, m), groups: [f - 1] } : { words: [f - 1], groups: range(k, m) });
    m = k;
  }
  return segments;
}

/** One group's phonemes shared out over its words by letter count, each word at least one phoneme when possible. */
function shareGroup(sounds: readonly number[], words: readonly number[], letters: readonly number[]): { word: number; sounds: number[] }[] {
  const total = words.reduce((sum, word) => sum + letters[word]!, 0);
  let taken = 0;
  let cumulative = 0;
  return words.map((word, i) => {
    cumulative += letters[word]!;
    const left = words.length - i - 1;
    const wanted = i === words.length - 1 ? sounds.length : Math.round((sounds.length * cumulative) / total);
    const end = Math.max(Math.min(wanted, sounds.length - left), Math.min(taken + 1, sounds.length));
    const part = sounds.slice(taken, end);
    taken = end;
    return { word, sounds: part.length ? part : [sounds[Math.min(taken, sounds.length) - 1]!] };
  });
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

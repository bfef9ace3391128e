import { wordTimings } from './word-timings.js';

const MAP = { _: [0], '^': [1], $: [2], ' ': [3], ',': [8], '.': [10], a: [14], b: [15], c: [16], d: [17], ˈ: [120] };

/** Piper ids of a phoneme string: BOS, PAD, (phoneme, PAD)*, EOS. */
function ids(phonemes: string): number[] {
  return [1, 0, ...Array.from(phonemes).flatMap((symbol) => [MAP[symbol as keyof typeof MAP]![0]!, 0]), 2];
}

describe('wordTimings', () => {
  it('maps space-separated phoneme groups to the words and times them from the durations', () => {
    const row = ids('ab cd.');
    // ^ _ a _ b _ ' ' _ c _ d _ . _ $
    const durations = [1, 0, 2, 0, 2, 1, 1, 0, 3, 0, 3, 1, 2, 0, 1];
    const words = wordTimings({ text: 'Hello world.', ids: row, durations, seconds: 1.7, phonemeIdMap: MAP });
    expect(words).toEqual([
      { word: 'Hello', start: 0.1, end: 0.6 },
      { word: 'world', start: 0.7, end: 1.4 },
    ]);
  });

  it('shares an equal time per id without durations', () => {
    const row = ids('a b');
    const words = wordTimings({ text: 'x y', ids: row, seconds: row.length, phonemeIdMap: MAP });
    expect(words).toEqual([
      { word: 'x', start: 2, end: 4 },
      { word: 'y', start: 6, end: 8 },
    ]);
  });

  it('splits a group that espeak joined from several words by their letters', () => {
    // "kind of the time" phonemised as three groups: "aaaa bbbbbb cccc" (of+the joined).
    const row = ids('aaaa bbbbbb cccc');
    const words = wordTimings({ text: 'kind of the time', ids: row, seconds: row.length, phonemeIdMap: MAP });
    expect(words.map((word) => word.word)).toEqual(['kind', 'of', 'the', 'time']);
    const starts = words.map((word) => word.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // "of" gets 2 of the 5 letters of the joined group: 6 phonemes → 2 (rounded 2.4), so "the" starts at the 3rd.
    expect(words[1]).toEqual({ word: 'of', start: row.indexOf(15), end: row.indexOf(15) + 4 });
    expect(words[2]!.start).toBe(words[1]!.end);
  });

  it('gives a word the several groups it was spoken as', () => {
    const row = ids('aa bb, cc');
    const words = wordTimings({ text: 'one twothreefour', ids: row, seconds: row.length, phonemeIdMap: MAP });
    expect(words.map((word) => word.word)).toEqual(['one', 'twothreefour']);
    expect(words[1]!.start).toBe(row.indexOf(15));
    expect(words[1]!.end).toBe(row.lastIndexOf(16) + 2);
  });

  it('strips punctuation from words and ignores tokens without letters', () => {
    const words = wordTimings({ text: '"Yes," - she said...', ids: ids('a, b c.'), seconds: 1, phonemeIdMap: MAP });
    expect(words.map((word) => word.word)).toEqual(['Yes', 'she', 'said']);
  });

  it('has no words for a row without phonemes', () => {
    expect(wordTimings({ text: 'Hi', ids: [1, 0, 2], seconds: 0.1, phonemeIdMap: MAP })).toEqual([]);
  });
});

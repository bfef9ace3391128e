import { clausePhonemes, phonemeIds } from './phoneme-ids.js';
import { splitClauses, splitSentences } from './split-sentences.js';

const MAP = { _: [0], '^': [1], $: [2], ' ': [3], ',': [8], '.': [10], a: [14], b: [15], ˈ: [120], '\u0303': [140] };

describe('phoneme ids', () => {
  it('is BOS, PAD, (phoneme, PAD)*, EOS and skips unknown symbols', () => {
    expect(phonemeIds('ab', MAP)).toEqual([1, 0, 14, 0, 15, 0, 2]);
    expect(phonemeIds('aXb', MAP)).toEqual([1, 0, 14, 0, 15, 0, 2]);
  });

  it('treats each NFD codepoint as a phoneme', () => {
    expect(phonemeIds(clausePhonemes([{ text: 'x', terminator: '' }], ['ã']), MAP)).toEqual([1, 0, 14, 0, 140, 0, 2]);
  });

  it('appends clause punctuation, with a space after a comma, and drops language flags', () => {
    const clauses = splitClauses('Hello there, world.');
    expect(clauses).toEqual([
      { text: 'Hello there', terminator: ',' },
      { text: 'world', terminator: '.' },
    ]);
    expect(clausePhonemes(clauses, ['ˈab', '(en)ba'])).toBe('ˈab, ba.');
  });
});

describe('splitSentences', () => {
  it('splits at terminal punctuation and keeps the mark', () => {
    expect(splitSentences('One. Two!  Three? four')).toEqual(['One.', 'Two!', 'Three?', 'four']);
  });

  it('ignores punctuation-only fragments', () => {
    expect(splitSentences('Hi... !')).toEqual(['Hi...']);
  });
});

import { ApplicationError, LEXICON_LIMITS } from '#contracts';
import { ipaSymbolsOf, validateLexiconEntries } from './lexicon-entries.js';
import { lexiconVersion } from './lexicon-version.js';

const SYMBOLS = ipaSymbolsOf([
  { _: [0], '^': [1], $: [2], ' ': [3], v: [4], ˈ: [5], ɑ: [6], ː: [7], k: [8], s: [9], ɪ: [10], f: [11], a: [12] },
  { t: [13], ə: [14], m: [15], o: [16], ʊ: [17] },
]);

function problems(entries: unknown): unknown {
  try {
    validateLexiconEntries(entries, SYMBOLS);
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationError);
    expect((error as ApplicationError).code).toBe('VALIDATION_ERROR');
    return (error as ApplicationError).details;
  }
  throw new Error('accepted');
}

describe('validateLexiconEntries', () => {
  it('accepts IPA in the voices’ symbols and respellings, tidying the words', () => {
    expect(
      validateLexiconEntries(
        [
          { word: ' Voxify ', ipa: 'vˈɑːksɪfaɪ' },
          { word: 'New   York', respelling: 'noo york' },
          { word: "rock'n'roll", respelling: 'rock and roll' },
          { word: 'c++', respelling: 'see plus plus' },
          { word: 'tomato', ipa: 'təmˈɑːtoʊ' },
        ],
        SYMBOLS,
      ),
    ).toEqual([
      { word: 'Voxify', ipa: 'vˈɑːksɪfaɪ' },
      { word: 'New York', respelling: 'noo york' },
      { word: "rock'n'roll", respelling: 'rock and roll' },
      { word: 'c++', respelling: 'see plus plus' },
      { word: 'tomato', ipa: 'təmˈɑːtoʊ' },
    ]);
    expect(validateLexiconEntries([], SYMBOLS)).toEqual([]);
  });

  it('reports every bad entry with its reason', () => {
    expect(
      problems([
        { word: 'ok', ipa: 'ok' },
        { word: '', respelling: 'x' },
        { word: 'x'.repeat(65), respelling: 'x' },
        { word: '<b>', respelling: 'bee' },
        { word: 'both', ipa: 'a', respelling: 'b' },
        { word: 'neither' },
        { word: 'zed', ipa: 'zɛd' },
        { word: 'pad', ipa: 'a_$' },
        { word: 'num', respelling: '42' },
        { word: 'OK', respelling: 'okay' },
        'not an object',
      ]),
    ).toEqual([
      { field: 'entries[1]', messages: ['word must be 1–64 characters'] },
      { field: 'entries[2]', messages: ['word must be 1–64 characters'] },
      { field: 'entries[3]', messages: ["word may hold letters, digits, ' . + & - and single spaces, starting with a letter or digit"] },
      { field: 'entries[4]', messages: ['needs exactly one of ipa or respelling'] },
      { field: 'entries[5]', messages: ['needs exactly one of ipa or respelling'] },
      { field: 'entries[6]', messages: ['ipa uses symbols the voices do not know: z ɛ d'] },
      { field: 'entries[7]', messages: ['ipa uses symbols the voices do not know: _ $'] },
      { field: 'entries[8]', messages: ['respelling may hold letters, spaces, apostrophes and hyphens'] },
      { field: 'entries[9]', messages: ['"OK" is listed more than once'] },
      { field: 'entries[10]', messages: ['word must be 1–64 characters', 'needs exactly one of ipa or respelling'] },
    ]);
  });

  it('refuses more than the maximum number of entries', () => {
    const entries = Array.from({ length: LEXICON_LIMITS.maxEntries + 1 }, (_, i) => ({ word: `w${i}`, respelling: 'x' }));
    expect(problems(entries)).toEqual([{ field: 'entries', messages: ['must have at most 500 entries'] }]);
    expect(validateLexiconEntries(entries.slice(1), SYMBOLS)).toHaveLength(500);
  });
});

describe('lexiconVersion', () => {
  it('is null without entries and changes with any entry', () => {
    expect(lexiconVersion(undefined)).toBeNull();
    expect(lexiconVersion([])).toBeNull();
    const a = lexiconVersion([{ word: 'a', ipa: 'a' }]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(lexiconVersion([{ word: 'a', ipa: 'a' }])).toBe(a);
    expect(lexiconVersion([{ word: 'a', respelling: 'a' }])).not.toBe(a);
    expect(lexiconVersion([{ word: 'a', ipa: 'ɑ' }])).not.toBe(a);
  });
});

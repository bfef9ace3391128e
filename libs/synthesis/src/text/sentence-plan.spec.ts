import { LexiconMatcher } from './lexicon.js';
import { planSentences, SENTENCE_PAUSE_SECONDS, sentencePhonemeIds, sentencePlanFrom, type Lexicon } from './sentence-plan.js';

const MAP = { _: [0], '^': [1], $: [2], ' ': [3], ',': [8], '.': [10], a: [14], b: [15], t: [16], ˈ: [120], ə: [59] };

/** A stand-in for espeak: each word becomes "ˈab", so the tests see where text pieces went. */
async function phonemize(text: string): Promise<string> {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map(() => 'ˈab')
    .join(' ');
}

const LEXICON: Lexicon = [
  { word: 'Voxify', ipa: 'tət' },
  { word: 'New York', respelling: 'noo york' },
  { word: 'GIF', respelling: 'jiff' },
];

describe('planSentences', () => {
  it('keeps plain-text plans to index, text and pause', () => {
    expect(planSentences({ text: 'Dr. Smith paid $3. Then he left!' })).toEqual([
      { index: 0, text: 'Doctor Smith paid three dollars.', pauseAfter: SENTENCE_PAUSE_SECONDS },
      { index: 1, text: 'Then he left!', pauseAfter: SENTENCE_PAUSE_SECONDS },
    ]);
    expect(planSentences({ text: 'No entries here.', lexicon: LEXICON })).toEqual(planSentences({ text: 'No entries here.' }));
    expect(planSentences({ text: 'Empty lexicon.', lexicon: [] })).toEqual(planSentences({ text: 'Empty lexicon.' }));
  });

  it('applies a lexicon to whole words, ignoring case: IPA as a piece, respellings as text', () => {
    expect(planSentences({ text: 'I love VOXIFY in new  york. GIFs and GIF.', lexicon: LEXICON })).toEqual([
      {
        index: 0,
        text: 'I love VOXIFY in noo york.',
        pauseAfter: SENTENCE_PAUSE_SECONDS,
        pieces: [{ text: 'I love ' }, { ipa: 'tət' }, { text: ' in noo york.' }],
      },
      { index: 1, text: 'GIFs and jiff.', pauseAfter: SENTENCE_PAUSE_SECONDS },
    ]);
  });

  it('does not let private-use characters of the input pose as IPA words', () => {
    expect(planSentences({ text: 'A \uE000 b Voxify.', lexicon: LEXICON })[0]!.pieces).toEqual([
      { text: 'A b ' },
      { ipa: 'tət' },
      { text: ' .' },
    ]);
  });
});

describe('LexiconMatcher', () => {
  it('prefers the longest entry and respects word boundaries', () => {
    const matcher = new LexiconMatcher([
      { word: 'new', respelling: 'NEW' },
      { word: 'new york', ipa: 'nj' },
      { word: "rock'n'roll", respelling: 'rock and roll' },
    ]);
    expect(matcher.apply('New York is new; renew it.')).toEqual([{ ipa: 'nj', word: 'New York' }, ' is NEW; renew it.']);
    expect(matcher.apply("Rock'n'roll! newer")).toEqual(['rock and roll! newer']);
    expect(matcher.apply("new's")).toEqual(["new's"]);
  });

  it('treats regular-expression characters in words literally', () => {
    const matcher = new LexiconMatcher([
      { word: 'c++', respelling: 'see plus plus' },
      { word: 'a.b', respelling: 'ay bee' },
    ]);
    expect(matcher.apply('I code c++ and axb and a.b')).toEqual(['I code see plus plus and axb and ay bee']);
  });
});

describe('sentencePhonemeIds', () => {
  it('phonemises text clause by clause when the plan has no pieces', async () => {
    const [sentence] = planSentences({ text: 'Hello there, world.' });
    // ˈab ˈab , ␠ ˈab .
    expect(await sentencePhonemeIds(sentence!, phonemize, MAP)).toEqual([
      1, 0, 120, 0, 14, 0, 15, 0, 3, 0, 120, 0, 14, 0, 15, 0, 8, 0, 3, 0, 120, 0, 14, 0, 15, 0, 10, 0, 2,
    ]);
  });

  it('gives the same row for a single text piece as for the plain plan', async () => {
    const [sentence] = planSentences({ text: 'Hello there, world.' });
    const withPiece = { ...sentence!, pieces: [{ text: sentence!.text }] };
    expect(await sentencePhonemeIds(withPiece, phonemize, MAP)).toEqual(await sentencePhonemeIds(sentence!, phonemize, MAP));
  });

  it('inserts IPA pieces as given between the words around them, dropping unknown symbols', async () => {
    const sentence = { index: 0, text: 'x', pauseAfter: 0, pieces: [{ text: 'Say ' }, { ipa: 'tə(x)t' }, { text: ' , now.' }] };
    // ˈab ␠ t ə t , ␠ ˈab .
    expect(await sentencePhonemeIds(sentence, phonemize, MAP)).toEqual([
      1, 0, 120, 0, 14, 0, 15, 0, 3, 0, 16, 0, 59, 0, 16, 0, 8, 0, 3, 0, 120, 0, 14, 0, 15, 0, 10, 0, 2,
    ]);
  });
});

describe('sentencePlanFrom', () => {
  it('accepts what planSentences makes, after a trip through JSON', () => {
    const plans = planSentences({
      text: '<speak><prosody rate="slow" pitch="+2st" volume="loud">Say <phoneme ph="tət">x</phoneme>.</prosody></speak>',
    });
    for (const plan of plans) expect(sentencePlanFrom(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it.each([
    ['no object', 'text'],
    ['a negative index', { index: -1, text: 'a', pauseAfter: 0 }],
    ['a pause of an hour', { index: 0, text: 'a', pauseAfter: 3600 }],
    ['a rate of zero', { index: 0, text: 'a', pauseAfter: 0, rate: 0 }],
    ['a huge gain', { index: 0, text: 'a', pauseAfter: 0, volume: 1e9 }],
    ['a NaN pitch', { index: 0, text: 'a', pauseAfter: 0, pitch: Number.NaN }],
    ['a piece with both kinds', { index: 0, text: 'a', pauseAfter: 0, pieces: [{ text: 'a', ipa: 'b' }] }],
    ['pieces that are no list', { index: 0, text: 'a', pauseAfter: 0, pieces: 'a' }],
  ])('refuses %s', (_case, value) => expect(sentencePlanFrom(value)).toBeUndefined());
});

import { planSentences, SENTENCE_PAUSE_SECONDS, type SentencePlan } from './sentence-plan.js';
import { InvalidSsmlError } from './ssml-parser.js';
import { PARAGRAPH_PAUSE_SECONDS } from './ssml-plan.js';

function plan(body: string): SentencePlan[] {
  return planSentences({ text: `<speak>${body}</speak>` });
}

function texts(body: string): string[] {
  return plan(body).map((sentence) => sentence.text);
}

function only(body: string): SentencePlan {
  const sentences = plan(body);
  expect(sentences).toHaveLength(1);
  return sentences[0]!;
}

const semitone = 2 ** (1 / 12);

describe('SSML sentence plans', () => {
  it('plans plain content of <speak> like plain text', () => {
    expect(plan('Hello there. It costs $3.')).toEqual(planSentences({ text: 'Hello there. It costs $3.' }));
  });

  describe('<break>', () => {
    it('ends the sentence before it and replaces its pause', () => {
      expect(plan('Hello <break time="700ms"/> world.')).toEqual([
        { index: 0, text: 'Hello', pauseAfter: 0.7 },
        { index: 1, text: 'world.', pauseAfter: SENTENCE_PAUSE_SECONDS },
      ]);
      expect(plan('One. <break time="2s"/> Two.').map((sentence) => sentence.pauseAfter)).toEqual([2, SENTENCE_PAUSE_SECONDS]);
    });

    it('adds up consecutive breaks and reads strengths', () => {
      expect(only('A.<break time="1s"/><break time="0.5s"/>').pauseAfter).toBe(1.5);
      expect(only('A.<break strength="x-strong"/>').pauseAfter).toBe(1.2);
      expect(only('A.<break/>').pauseAfter).toBe(0.4);
      expect(texts('A <break strength="none"/> B.')).toEqual(['A B.']);
    });

    it.each(['1 s', '500', 'two seconds', '11s'])('refuses time="%s"', (time) => {
      expect(() => plan(`A <break time="${time}"/> B`)).toThrow(InvalidSsmlError);
    });

    it('refuses an unknown strength and content', () => {
      expect(() => plan('A <break strength="huge"/>')).toThrow(/strength="huge" is not supported/);
      expect(() => plan('A <break>B</break>')).toThrow(/<break> must be empty/);
    });
  });

  describe('<prosody>', () => {
    it.each([
      ['x-slow', 0.5],
      ['slow', 0.75],
      ['fast', 1.3],
      ['x-fast', 1.7],
      ['80%', 0.8],
      ['+20%', 1.2],
      ['-10%', 0.9],
      ['1.5', 1.5],
    ])('rate="%s" is a speed factor of %d', (rate, factor) => {
      expect(only(`<prosody rate="${rate}">Hi there.</prosody>`).rate).toBeCloseTo(factor, 6);
    });

    it.each([
      ['x-low', semitone ** -6],
      ['high', semitone ** 3],
      ['+2st', semitone ** 2],
      ['-1.5st', semitone ** -1.5],
      ['-10%', 0.9],
    ])('pitch="%s" is a frequency factor', (pitch, factor) => {
      expect(only(`<prosody pitch="${pitch}">Hi there.</prosody>`).pitch).toBeCloseTo(factor, 6);
    });

    it.each([
      ['silent', 0],
      ['soft', 10 ** (-6 / 20)],
      ['x-loud', 10 ** (8 / 20)],
      ['+6dB', 10 ** (6 / 20)],
      ['-3dB', 10 ** (-3 / 20)],
    ])('volume="%s" is a gain factor', (volume, factor) => {
      expect(only(`<prosody volume="${volume}">Hi there.</prosody>`).volume).toBeCloseTo(factor, 6);
    });

    it('multiplies nested settings within limits and leaves neutral ones out of the plan', () => {
      const sentences = plan('<prosody rate="fast" volume="loud">Outer. <prosody rate="50%">Inner.</prosody></prosody> Plain.');
      expect(sentences[0]).toMatchObject({ text: 'Outer.', rate: 1.3 });
      expect(sentences[1]!.rate).toBeCloseTo(0.65, 6);
      expect(sentences[1]!.volume).toBeCloseTo(sentences[0]!.volume!, 6);
      expect(sentences[2]).toEqual({ index: 2, text: 'Plain.', pauseAfter: SENTENCE_PAUSE_SECONDS });
      expect(only('<prosody rate="x-fast"><prosody rate="x-fast"><prosody rate="x-fast">Hi.</prosody></prosody></prosody>').rate).toBe(4);
    });

    it('splits a sentence where the prosody changes, without a pause there', () => {
      expect(plan('I am <prosody rate="slow">very</prosody> tired.')).toEqual([
        { index: 0, text: 'I am', pauseAfter: 0 },
        { index: 1, text: 'very', pauseAfter: 0, rate: 0.75 },
        { index: 2, text: 'tired.', pauseAfter: SENTENCE_PAUSE_SECONDS },
      ]);
    });

    it.each([
      ['rate', 'quick'],
      ['pitch', '120Hz'],
      ['volume', 'loudest'],
    ])('refuses %s="%s"', (attribute, value) => {
      expect(() => plan(`<prosody ${attribute}="${value}">Hi</prosody>`)).toThrow(new RegExp(`${attribute}="${value}" is not supported`));
    });
  });

  describe('<say-as>', () => {
    it.each([
      ['characters', 'ABC', 'ay bee see'],
      ['spell-out', 'R2-D2', 'ar two dash dee two'],
      ['cardinal', '1,234', 'one thousand two hundred thirty-four'],
      ['ordinal', '21', 'twenty-first'],
      ['ordinal', '3rd', 'third'],
      ['telephone', '+1 (555) 123-4567', 'plus one, five five five, one two three, four five six seven'],
    ])('%s reads %s as words', (interpretAs, content, words) => {
      expect(only(`Say <say-as interpret-as="${interpretAs}">${content}</say-as> now`).text).toBe(`Say ${words} now`);
    });

    it.each([
      ['mdy', '03/05/2024', 'March fifth, twenty twenty-four'],
      ['dmy', '05.03.2024', 'March fifth, twenty twenty-four'],
      ['ymd', '2024-03-05', 'March fifth, twenty twenty-four'],
      ['md', '12/25', 'December twenty-fifth'],
      ['y', '1984', 'nineteen eighty-four'],
    ])('date format %s reads %s', (format, content, words) => {
      expect(only(`On <say-as interpret-as="date" format="${format}">${content}</say-as>`).text).toBe(`On ${words}`);
    });

    it('reads content that does not fit its type as written', () => {
      expect(only('<say-as interpret-as="cardinal">many</say-as>').text).toBe('many');
      expect(only('<say-as interpret-as="date" format="mdy">13/01/2024</say-as>').text).toBe('thirteen/one/two thousand twenty-four');
    });

    it('refuses unknown types, formats and markup inside', () => {
      expect(() => plan('<say-as interpret-as="currency">$3</say-as>')).toThrow(/interpret-as="currency" is not supported/);
      expect(() => plan('<say-as interpret-as="date" format="iso">2024</say-as>')).toThrow(/format="iso"/);
      expect(() => plan('<say-as interpret-as="cardinal"><sub alias="x">1</sub></say-as>')).toThrow(/may only contain text/);
    });
  });

  it('<sub> reads its alias instead of the text', () => {
    expect(only('Visit the <sub alias="World Wide Web">WWW</sub> today.').text).toBe('Visit the World Wide Web today.');
    expect(() => plan('<sub>WWW</sub>')).toThrow(/needs an alias/);
  });

  it('<phoneme> gives a word as IPA, inside the sentence it belongs to', () => {
    expect(plan('I say <phoneme alphabet="ipa" ph="təˈmɑːtoʊ">tomato</phoneme>, you say 2.')).toEqual([
      {
        index: 0,
        text: 'I say tomato, you say two.',
        pauseAfter: SENTENCE_PAUSE_SECONDS,
        pieces: [{ text: 'I say ' }, { ipa: 'təˈmɑːtoʊ' }, { text: ' , you say two.' }],
      },
    ]);
    expect(() => plan('<phoneme alphabet="x-sampa" ph="t@">the</phoneme>')).toThrow(/alphabet="x-sampa"/);
    expect(() => plan('<phoneme ph=" ">the</phoneme>')).toThrow(/non-empty ph/);
  });

  it('<p> and <s> end sentences, a paragraph with a longer pause', () => {
    expect(plan('<p><s>First part</s><s>second part</s></p><p>Next paragraph</p>')).toEqual([
      { index: 0, text: 'First part', pauseAfter: SENTENCE_PAUSE_SECONDS },
      { index: 1, text: 'second part', pauseAfter: PARAGRAPH_PAUSE_SECONDS },
      { index: 2, text: 'Next paragraph', pauseAfter: PARAGRAPH_PAUSE_SECONDS },
    ]);
    expect(plan('<p>One.<break time="3s"/></p><p>Two.</p>')[0]!.pauseAfter).toBe(3);
  });

  it('keeps the plan plain JSON', () => {
    const sentences = plan('<prosody pitch="+2st">A <phoneme ph="bi">b</phoneme>.</prosody><break time="1s"/> C.');
    expect(JSON.parse(JSON.stringify(sentences))).toEqual(sentences);
  });
});

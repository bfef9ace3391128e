import { cardinalWords, ordinalWords, yearWords } from './number-words.js';
import { normalizeText } from './normalize-text.js';

describe('number words', () => {
  it.each([
    [0, 'zero'],
    [13, 'thirteen'],
    [42, 'forty-two'],
    [100, 'one hundred'],
    [1042, 'one thousand forty-two'],
    [2_500_000, 'two million five hundred thousand'],
  ])('cardinal %d', (value, words) => expect(cardinalWords(value)).toBe(words));

  it.each([
    [1, 'first'],
    [2, 'second'],
    [12, 'twelfth'],
    [20, 'twentieth'],
    [21, 'twenty-first'],
    [103, 'one hundred third'],
  ])('ordinal %d', (value, words) => expect(ordinalWords(value)).toBe(words));

  it.each([
    [1984, 'nineteen eighty-four'],
    [2005, 'two thousand five'],
    [1900, 'nineteen hundred'],
    [2026, 'twenty twenty-six'],
  ])('year %d', (value, words) => expect(yearWords(value)).toBe(words));
});

describe('normalizeText', () => {
  it.each([
    ['It costs $3.50 today.', 'It costs three dollars and fifty cents today.'],
    ['Pay £1,200.', 'Pay one thousand two hundred pounds.'],
    ['Dr. Smith met Mr. Jones.', 'Doctor Smith met Mister Jones.'],
    ['On 2024-03-05 we left.', 'On March fifth, twenty twenty-four we left.'],
    ['Meet at 7:05 pm, please.', 'Meet at seven oh five p m, please.'],
    ['At 10:00 sharp.', "At ten o'clock sharp."],
    ['She came 3rd of 21.', 'She came third of twenty-one.'],
    ['Growth was 4.5% in the 1990s.', 'Growth was four point five percent in the nineteen nineties.'],
    ['It is -5 degrees.', 'It is minus five degrees.'],
    ['Salt & pepper', 'Salt and pepper'],
  ])('%s', (input, expected) => expect(normalizeText(input)).toBe(expected));
});

import { cardinalWords, digitWords, ordinalWords, yearWords } from './number-words.js';
import { InvalidSsmlError } from './ssml-parser.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** English letter names, so that spelled letters are not read as words ("a" the article). */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  a: 'ay',
  b: 'bee',
  c: 'see',
  d: 'dee',
  e: 'ee',
  f: 'eff',
  g: 'gee',
  h: 'aitch',
  i: 'eye',
  j: 'jay',
  k: 'kay',
  l: 'el',
  m: 'em',
  n: 'en',
  o: 'oh',
  p: 'pee',
  q: 'cue',
  r: 'ar',
  s: 'ess',
  t: 'tee',
  u: 'you',
  v: 'vee',
  w: 'double you',
  x: 'ex',
  y: 'why',
  z: 'zee',
};

const SYMBOL_NAMES: Readonly<Record<string, string>> = {
  '@': 'at',
  '#': 'hash',
  '&': 'and',
  '+': 'plus',
  '-': 'dash',
  _: 'underscore',
  '.': 'dot',
  '/': 'slash',
  '*': 'star',
  '%': 'percent',
};

export const SAY_AS_TYPES = ['characters', 'spell-out', 'cardinal', 'number', 'ordinal', 'date', 'telephone'] as const;
const DATE_FORMATS = ['mdy', 'dmy', 'ymd', 'md', 'dm', 'ym', 'my', 'y'] as const;

/**
 * The words `<say-as interpret-as="…">` content is read as. Content that does not fit the type
 * (a "cardinal" with letters, a date with a 13th month) is read as written, as SSML asks.
 */
export function sayAs(interpretAs: string | undefined, format: string | undefined, content: string): string {
  const text = content.trim();
  switch (interpretAs) {
    case 'characters':
    case 'spell-out':
      return spell(text);
    case 'cardinal':
    case 'number':
      return cardinal(text) ?? text;
    case 'ordinal':
      return ordinal(text) ?? text;
    case 'date':
      return date(text, dateFormat(format)) ?? text;
    case 'telephone':
      return telephone(text);
    default:
      throw new InvalidSsmlError(
        `Invalid SSML: say-as interpret-as="${interpretAs ?? ''}" is not supported (expected ${SAY_AS_TYPES.join(', ')})`,
      );
  }
}

function spell(text: string): string {
  const names: string[] = [];
  for (const character of Array.from(text.normalize('NFC'))) {
    const lower = character.toLowerCase();
    if (LETTER_NAMES[lower]) names.push(LETTER_NAMES[lower]);
    else if (/\d/.test(character)) names.push(digitWords(character));
    else if (SYMBOL_NAMES[character]) names.push(SYMBOL_NAMES[character]);
    else if (/\p{L}/u.test(character)) names.push(character);
  }
  return names.join(' ');
}

function cardinal(text: string): string | undefined {
  const match = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d{1,15})$/.exec(text);
  if (!match) return undefined;
  const words = cardinalWords(Number(match[2]!.replace(/,/g, '')));
  return match[1] === '-' ? `minus ${words}` : words;
}

function ordinal(text: string): string | undefined {
  const match = /^(\d{1,3}(?:,\d{3})+|\d{1,15})(?:st|nd|rd|th)?$/i.exec(text);
  return match ? ordinalWords(Number(match[1]!.replace(/,/g, ''))) : undefined;
}

function dateFormat(format: string | undefined): (typeof DATE_FORMATS)[number] {
  if (format === undefined) return 'ymd';
  const known = DATE_FORMATS.find((candidate) => candidate === format);
  if (!known)
    throw new InvalidSsmlError(`Invalid SSML: say-as date format="${format}" is not supported (expected ${DATE_FORMATS.join(', ')})`);
  return known;
}

function date(text: string, format: (typeof DATE_FORMATS)[number]): string | undefined {
  const parts = text.split(/[-/.\s]+/).filter(Boolean);
  if (parts.length !== format.length || !parts.every((part) => /^\d{1,4}$/.test(part))) return undefined;
  const field = (letter: string): number | undefined => {
    const index = format.indexOf(letter);
    return index < 0 ? undefined : Number(parts[index]);
  };
  const [year, month, day] = [field('y'), field('m'), field('d')];
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  const monthName = month === undefined ? undefined : MONTHS[month - 1]!;
  const spokenYear = year === undefined ? undefined : yearWords(year);
  if (monthName && day !== undefined) {
    const dayMonth = `${monthName} ${ordinalWords(day)}`;
    return spokenYear ? `${dayMonth}, ${spokenYear}` : dayMonth;
  }
  return [monthName, spokenYear].filter(Boolean).join(' ');
}

/** Digits one by one, groups separated by a short pause: "+1 (555) 123-4567" → "plus one, five five five, …". */
function telephone(text: string): string {
  const groups = text.match(/\d+/g) ?? [];
  const spoken = groups.map((group) => digitWords(group)).join(', ');
  return text.trim().startsWith('+') ? `plus ${spoken}` : spoken;
}

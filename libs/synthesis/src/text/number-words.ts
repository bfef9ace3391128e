const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

function belowThousand(n: number): string {
  const words: string[] = [];
  if (n >= 100) {
    words.push(`${ONES[Math.floor(n / 100)]} hundred`);
    n %= 100;
  }
  if (n >= 20) {
    const tens = TENS[Math.floor(n / 10)]!;
    words.push(n % 10 ? `${tens}-${ONES[n % 10]}` : tens);
  } else if (n > 0 || words.length === 0) {
    words.push(ONES[n]!);
  }
  return words.join(' ');
}

/** A non-negative integer (up to the trillions) in English words: 1042 → "one thousand forty-two". */
export function cardinalWords(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
  if (value < 0) return `minus ${cardinalWords(-value)}`;
  if (value < 1000) return belowThousand(value);
  const words: string[] = [];
  let rest = value;
  for (const [scale, name] of SCALES) {
    if (rest >= scale) {
      words.push(`${cardinalWords(Math.floor(rest / scale))} ${name}`);
      rest %= scale;
    }
  }
  if (rest > 0) words.push(belowThousand(rest));
  return words.join(' ');
}

const IRREGULAR_ORDINALS: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** 21 → "twenty-first": the last word of the cardinal takes the ordinal form. */
export function ordinalWords(value: number): string {
  const cardinal = cardinalWords(value);
  return cardinal.replace(/([a-z]+)$/, (last) => {
    if (IRREGULAR_ORDINALS[last]) return IRREGULAR_ORDINALS[last];
    if (last.endsWith('y')) return `${last.slice(0, -1)}ieth`;
    return `${last}th`;
  });
}

/** Digits read one by one ("0 7" → "zero seven"), for decimals and the like. */
export function digitWords(digits: string): string {
  return Array.from(digits, (d) => ONES[Number(d)]!).join(' ');
}

/** A year as people say it: 1984 → "nineteen eighty-four", 2005 → "two thousand five", 1900 → "nineteen hundred". */
export function yearWords(year: number): string {
  if (year >= 2000 && year < 2010) return cardinalWords(year);
  if (year < 1100 || year >= 10000) return cardinalWords(year);
  const high = Math.floor(year / 100);
  const low = year % 100;
  if (low === 0) return `${cardinalWords(high)} hundred`;
  return `${cardinalWords(high)} ${low < 10 ? `oh ${cardinalWords(low)}` : cardinalWords(low)}`;
}

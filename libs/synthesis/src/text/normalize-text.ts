import { cardinalWords, digitWords, ordinalWords, yearWords } from './number-words.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Abbreviations read as words; the trailing period is consumed so it does not end a sentence. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bMr\./g, 'Mister'],
  [/\bMrs\./g, 'Missus'],
  [/\bMs\./g, 'Miz'],
  [/\bDr\./g, 'Doctor'],
  [/\bProf\./g, 'Professor'],
  [/\bSt\.(?=\s+[A-Z])/g, 'Saint'],
  [/\bJr\./g, 'Junior'],
  [/\bSr\./g, 'Senior'],
  [/\bvs\./gi, 'versus'],
  [/\betc\./gi, 'et cetera'],
  [/\be\.g\./gi, 'for example'],
  [/\bi\.e\./gi, 'that is'],
  [/\bapprox\./gi, 'approximately'],
  [/\bno\.(?=\s*\d)/gi, 'number'],
];

const CURRENCIES: Record<string, [string, string, string, string]> = {
  $: ['dollar', 'dollars', 'cent', 'cents'],
  '€': ['euro', 'euros', 'cent', 'cents'],
  '£': ['pound', 'pounds', 'penny', 'pence'],
};

function plural(count: number, one: string, many: string): string {
  return `${cardinalWords(count)} ${count === 1 ? one : many}`;
}

function integerOf(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

function money(symbol: string, whole: string, fraction: string | undefined): string {
  const [one, many, centOne, centMany] = CURRENCIES[symbol]!;
  const units = integerOf(whole);
  const cents = fraction ? Number(fraction.padEnd(2, '0').slice(0, 2)) : 0;
  const parts = [plural(units, one, many)];
  if (cents > 0) parts.push(`and ${plural(cents, centOne, centMany)}`);
  return parts.join(' ');
}

function time(hours: number, minutes: number, meridiem: string | undefined): string {
  const suffix = meridiem ? ` ${meridiem.replace(/\./g, '').toLowerCase().split('').join(' ')}` : '';
  if (minutes === 0) return meridiem ? `${cardinalWords(hours)}${suffix}` : `${cardinalWords(hours)} o'clock`;
  const mm = minutes < 10 ? `oh ${cardinalWords(minutes)}` : cardinalWords(minutes);
  return `${cardinalWords(hours)} ${mm}${suffix}`;
}

function number(whole: string, fraction: string | undefined): string {
  const spoken = cardinalWords(integerOf(whole));
  return fraction ? `${spoken} point ${digitWords(fraction)}` : spoken;
}

/**
 * English text normalisation before phonemisation: money, dates (ISO and "March 3rd"), times,
 * percentages, ordinals, numbers with separators or decimals, and common abbreviations become
 * words. espeak-ng reads bare digits itself, but not these forms, and not consistently.
 */
export function normalizeText(input: string): string {
  let text = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  for (const [pattern, words] of ABBREVIATIONS) text = text.replace(pattern, words);
  text = text.replace(/([$€£])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\b/g, (_m, s: string, w: string, f?: string) => money(s, w, f));
  text = text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m, y: string, mo: string, d: string) => {
    const month = MONTHS[Number(mo) - 1];
    if (!month || Number(d) < 1 || Number(d) > 31) return m;
    return `${month} ${ordinalWords(Number(d))}, ${yearWords(Number(y))}`;
  });
  text = text.replace(/\b([01]?\d|2[0-3]):([0-5]\d)(?:\s*([ap]\.?m\.?)(?=\s|$|[,;!?]))?/gi, (_m, h: string, mi: string, ap?: string) =>
    time(Number(h), Number(mi), ap),
  );
  text = text.replace(/\b(\d+)(?:\.(\d+))?\s?%/g, (_m, w: string, f?: string) => `${number(w, f)} percent`);
  text = text.replace(/\b(\d+)(st|nd|rd|th)\b/gi, (_m, n: string) => ordinalWords(Number(n)));
  text = text.replace(/\b(1[1-9]\d\d|20\d\d)s\b/g, (_m, y: string) => yearWords(Number(y)).replace(/y$/, 'ie') + 's');
  text = text.replace(/(^|[^\d.])-(\d)/g, '$1minus $2');
  text = text.replace(/\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\b/g, (m, w: string, f?: string) => {
    if (w.replace(/,/g, '').length > 15) return digitWords(m.replace(/\D/g, ''));
    return number(w, f);
  });
  text = text.replace(/&/g, ' and ').replace(/\s+/g, ' ').trim();
  return text;
}

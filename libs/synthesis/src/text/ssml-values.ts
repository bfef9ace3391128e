import { InvalidSsmlError } from './ssml-parser.js';

/** The longest pause one `<break>` may ask for, in seconds. */
export const MAX_BREAK_SECONDS = 10;

/** Limits of the combined (nested) prosody factors; beyond them a voice stops sounding like speech. */
export const PROSODY_LIMITS = {
  rate: [0.25, 4],
  pitch: [0.5, 2],
  volume: [0, 4],
} as const satisfies Record<string, readonly [number, number]>;

const BREAK_STRENGTH_SECONDS: Readonly<Record<string, number>> = {
  none: 0,
  'x-weak': 0.1,
  weak: 0.2,
  medium: 0.4,
  strong: 0.7,
  'x-strong': 1.2,
};

const RATE_WORDS: Readonly<Record<string, number>> = { 'x-slow': 0.5, slow: 0.75, medium: 1, default: 1, fast: 1.3, 'x-fast': 1.7 };
const PITCH_WORDS: Readonly<Record<string, number>> = {
  'x-low': semitones(-6),
  low: semitones(-3),
  medium: 1,
  default: 1,
  high: semitones(3),
  'x-high': semitones(6),
};
const VOLUME_WORDS: Readonly<Record<string, number>> = {
  silent: 0,
  'x-soft': decibels(-12),
  soft: decibels(-6),
  medium: 1,
  default: 1,
  loud: decibels(4),
  'x-loud': decibels(8),
};

function semitones(steps: number): number {
  return 2 ** (steps / 12);
}

function decibels(db: number): number {
  return 10 ** (db / 20);
}

function refuse(attribute: string, value: string, expected: string): never {
  throw new InvalidSsmlError(`Invalid SSML: ${attribute}="${value}" is not supported (expected ${expected})`);
}

/** `<break time="500ms">` / `time="1.5s"` / `strength="strong"`, in seconds; no attribute is a medium break. */
export function breakSeconds(attributes: Readonly<Record<string, string>>): number {
  const time = attributes['time'];
  if (time !== undefined) {
    const match = /^\s*(\d+(?:\.\d+)?|\.\d+)(ms|s)\s*$/.exec(time);
    if (!match) refuse('time', time, 'a duration such as "500ms" or "1.5s"');
    const seconds = Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
    if (seconds > MAX_BREAK_SECONDS) refuse('time', time, `at most ${MAX_BREAK_SECONDS}s`);
    return seconds;
  }
  const strength = attributes['strength'] ?? 'medium';
  const seconds = BREAK_STRENGTH_SECONDS[strength];
  if (seconds === undefined) refuse('strength', strength, Object.keys(BREAK_STRENGTH_SECONDS).join(', '));
  return seconds;
}

/** `rate`: a keyword, a percentage of the normal rate ("150%"), a relative change ("+20%", "-10%") or a factor ("1.2"). */
export function rateFactor(value: string): number {
  const word = RATE_WORDS[value.trim()];
  if (word !== undefined) return word;
  const relative = /^\s*([+-])(\d+(?:\.\d+)?)%\s*$/.exec(value);
  if (relative) return 1 + (relative[1] === '-' ? -1 : 1) * (Number(relative[2]) / 100);
  const percent = /^\s*(\d+(?:\.\d+)?)%\s*$/.exec(value);
  if (percent) return Number(percent[1]) / 100;
  const factor = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (factor) return Number(factor[1]);
  refuse('rate', value, `${Object.keys(RATE_WORDS).join(', ')}, a percentage such as "80%" or "+20%", or a factor such as "1.2"`);
}

/** `pitch`: a keyword, semitones ("+2st", "-3st") or a relative change ("+10%", "-10%"), as a frequency factor. */
export function pitchFactor(value: string): number {
  const word = PITCH_WORDS[value.trim()];
  if (word !== undefined) return word;
  const steps = /^\s*([+-]?\d+(?:\.\d+)?)st\s*$/.exec(value);
  if (steps) return semitones(Number(steps[1]));
  const relative = /^\s*([+-])(\d+(?:\.\d+)?)%\s*$/.exec(value);
  if (relative) return 1 + (relative[1] === '-' ? -1 : 1) * (Number(relative[2]) / 100);
  refuse('pitch', value, `${Object.keys(PITCH_WORDS).join(', ')}, semitones such as "+2st", or a change such as "-10%"`);
}

/** `volume`: a keyword or a change in decibels ("+6dB", "-3dB"), as a gain factor. */
export function volumeFactor(value: string): number {
  const word = VOLUME_WORDS[value.trim()];
  if (word !== undefined) return word;
  const db = /^\s*([+-]?\d+(?:\.\d+)?)dB\s*$/i.exec(value);
  if (db) return decibels(Number(db[1]));
  refuse('volume', value, `${Object.keys(VOLUME_WORDS).join(', ')}, or decibels such as "+6dB"`);
}

export function clampProsody(kind: keyof typeof PROSODY_LIMITS, factor: number): number {
  const [low, high] = PROSODY_LIMITS[kind];
  return Math.min(high, Math.max(low, factor));
}

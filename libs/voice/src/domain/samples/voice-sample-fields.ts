import { voiceSampleErrors } from './voice-sample-errors.js';

export const MAX_SAMPLE_NAME_LENGTH = 100;
export const MAX_SAMPLE_DESCRIPTION_LENGTH = 1000;
export const DEFAULT_SAMPLE_LANGUAGE = 'en-US';

// BCP 47 as people write it: a 2–3 letter language, optional script, region and variants (no private-use tags).
const BCP47 = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*$/i;

export function sampleName(raw: unknown): string {
  if (typeof raw !== 'string') throw voiceSampleErrors.invalidField('name', 'is required');
  const name = raw.trim();
  if (name === '') throw voiceSampleErrors.invalidField('name', 'must not be empty');
  if (name.length > MAX_SAMPLE_NAME_LENGTH)
    throw voiceSampleErrors.invalidField('name', `must be at most ${MAX_SAMPLE_NAME_LENGTH} characters`);
  if (/\p{Cc}/u.test(name)) throw voiceSampleErrors.invalidField('name', 'must not contain control characters');
  return name;
}

/** An empty description is no description. */
export function sampleDescription(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw voiceSampleErrors.invalidField('description', 'must be a string');
  const description = raw.trim();
  if (description.length > MAX_SAMPLE_DESCRIPTION_LENGTH)
    throw voiceSampleErrors.invalidField('description', `must be at most ${MAX_SAMPLE_DESCRIPTION_LENGTH} characters`);
  return description === '' ? null : description;
}

/** A BCP 47 tag in its canonical case (`en-us` → `en-US`); en-US when none is given. */
export function sampleLanguage(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_SAMPLE_LANGUAGE;
  if (typeof raw !== 'string' || raw.length > 35 || !BCP47.test(raw))
    throw voiceSampleErrors.invalidField('language', 'must be a BCP 47 language tag such as en-US');
  try {
    return Intl.getCanonicalLocales(raw)[0] ?? raw;
  } catch {
    throw voiceSampleErrors.invalidField('language', 'must be a BCP 47 language tag such as en-US');
  }
}

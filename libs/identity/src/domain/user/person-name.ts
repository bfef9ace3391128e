import { validationFailure } from '../shared/validation-failure.js';

export const MAX_NAME_LENGTH = 100;

/** A first or last name: trimmed, not empty, at most 100 characters. */
export function parsePersonName(field: string, raw: unknown): string {
  if (typeof raw !== 'string') throw validationFailure(field, 'must be a string');
  const name = raw.trim();
  if (name.length === 0) throw validationFailure(field, 'must not be empty');
  if (name.length > MAX_NAME_LENGTH) throw validationFailure(field, `must be at most ${MAX_NAME_LENGTH} characters long`);
  return name;
}

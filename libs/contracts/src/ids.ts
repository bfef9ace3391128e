import { randomBytes } from 'node:crypto';

/** Prefixes of public ids, so an id says what it names (`usr_…` is a user). */
export const IdPrefix = {
  user: 'usr',
  session: 'ses',
  apiKey: 'key',
  voiceSample: 'vs',
  voiceProfile: 'vp',
  job: 'job',
  synthesis: 'syn',
  file: 'file',
} as const;
export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix];

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new random id such as `usr_4f9k2m8q1x7c3v5b0n6z`: the prefix, then 20 base-36 characters (~103 bits). */
export function createId(prefix: IdPrefix): string {
  const bytes = randomBytes(20);
  let body = '';
  for (const byte of bytes) body += ALPHABET[byte % 36];
  return `${prefix}_${body}`;
}

export function hasPrefix(id: string, prefix: IdPrefix): boolean {
  return id.startsWith(`${prefix}_`) && /^[a-z]+_[0-9a-z]{1,64}$/.test(id);
}

import { createHash, randomBytes } from 'node:crypto';

/** Bytes of randomness in refresh tokens and API keys (256 bits). */
export const SECRET_BYTES = 32;

export interface OpaqueSecret {
  /** What the client receives, once. */
  value: string;
  /** What is stored: the SHA-256 of the value, hex. */
  hash: string;
}

/**
 * A random bearer secret such as `vxr_…`: the prefix says what it is (and lets secret scanners find
 * leaked ones), the rest is base64url of 256 random bits. A fast hash is enough to store it: unlike
 * a password it cannot be guessed.
 */
export function generateOpaqueSecret(prefix: string): OpaqueSecret {
  const value = `${prefix}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { value, hash: hashOpaqueSecret(value) };
}

export function hashOpaqueSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Whether a string has the shape of a secret made with this prefix (checked before any lookup). */
export function looksLikeOpaqueSecret(value: unknown, prefix: string): value is string {
  return typeof value === 'string' && value.startsWith(prefix) && /^[A-Za-z0-9_-]{43}$/.test(value.slice(prefix.length));
}

import { createId, IdPrefix, type ApiKeyScope, type Role } from '#contracts';
import { AggregateRoot } from '../shared/aggregate-root.js';
import { generateOpaqueSecret, hashOpaqueSecret, looksLikeOpaqueSecret } from '../shared/opaque-secret.js';
import { validationFailure } from '../shared/validation-failure.js';
import { parseApiKeyScopes } from './api-key-scopes.js';
import type { ApiKeyRevoked } from './api-key.events.js';

export const API_KEY_PREFIX = 'vx_';
/** `vx_` and the first 8 characters of the secret: enough for an owner to recognise a key. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const MAX_NAME_LENGTH = 100;
/** last_used_at is written at most this often per key, so verification stays a read. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyState {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiKey {
  userId: string;
  ownerRoles: readonly Role[];
  name: unknown;
  scopes: unknown;
  /** ISO 8601; must lie in the future. */
  expiresAt?: unknown;
  now: Date;
}

/** A long-lived credential for programs. Its secret is shown once; only its prefix and hash are kept. */
export class ApiKey extends AggregateRoot<ApiKeyRevoked> {
  private constructor(private readonly state: ApiKeyState) {
    super();
  }

  static create(input: NewApiKey): { apiKey: ApiKey; secret: string } {
    const name = parseName(input.name);
    const scopes = parseApiKeyScopes(input.scopes, input.ownerRoles);
    const expiresAt = parseExpiry(input.expiresAt, input.now);
    const { value, hash } = generateOpaqueSecret(API_KEY_PREFIX);
    const apiKey = new ApiKey({
      id: createId(IdPrefix.apiKey),
      userId: input.userId,
      name,
      prefix: value.slice(0, DISPLAY_PREFIX_LENGTH),
      hash,
      scopes,
      createdAt: input.now,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    return { apiKey, secret: value };
  }

  static restore(state: ApiKeyState): ApiKey {
    return new ApiKey({ ...state, scopes: [...state.scopes] });
  }

  /** The stored hash of a presented key, or undefined when it cannot be one of ours. */
  static hashOf(secret: unknown): string | undefined {
    return looksLikeOpaqueSecret(secret, API_KEY_PREFIX) ? hashOpaqueSecret(secret) : undefined;
  }

  get id(): string {
    return this.state.id;
  }
  get userId(): string {
    return this.state.userId;
  }
  get name(): string {
    return this.state.name;
  }
  get prefix(): string {
    return this.state.prefix;
  }
  get hash(): string {
    return this.state.hash;
  }
  get scopes(): readonly ApiKeyScope[] {
    return this.state.scopes;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
  get expiresAt(): Date | null {
    return this.state.expiresAt;
  }
  get lastUsedAt(): Date | null {
    return this.state.lastUsedAt;
  }
  get revokedAt(): Date | null {
    return this.state.revokedAt;
  }

  isUsable(now: Date): boolean {
    return this.state.revokedAt === null && (this.state.expiresAt === null || now.getTime() < this.state.expiresAt.getTime());
  }

  /** Notes a use; true when last_used_at moved (at most once per LAST_USED_RESOLUTION_MS). */
  recordUse(now: Date): boolean {
    const last = this.state.lastUsedAt;
    if (last !== null && now.getTime() - last.getTime() < LAST_USED_RESOLUTION_MS) return false;
    this.state.lastUsedAt = now;
    return true;
  }

  /** True if it was not revoked yet; revoking twice changes nothing. */
  revoke(now: Date): boolean {
    if (this.state.revokedAt !== null) return false;
    this.state.revokedAt = now;
    this.raise({ name: 'ApiKeyRevoked', keyId: this.id, userId: this.userId, occurredAt: now });
    return true;
  }
}

function parseName(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim().length === 0) throw validationFailure('name', 'must not be empty');
  const name = raw.trim();
  if (name.length > MAX_NAME_LENGTH) throw validationFailure('name', `must be at most ${MAX_NAME_LENGTH} characters long`);
  return name;
}

function parseExpiry(raw: unknown, now: Date): Date | null {
  if (raw === undefined || raw === null) return null;
  const expiresAt = typeof raw === 'string' ? new Date(raw) : undefined;
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) throw validationFailure('expires_at', 'must be an ISO 8601 date-time');
  if (expiresAt.getTime() <= now.getTime()) throw validationFailure('expires_at', 'must be in the future');
  return expiresAt;
}

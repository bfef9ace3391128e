import { createHash } from 'node:crypto';
import { ApplicationError, IdentityErrorCode, VerifyApiKeyQuery, type AuthPrincipal } from '#contracts';
import type { MessageBus } from '#messaging';
import { AuthErrors } from './auth-errors.js';
import type { Authentication } from './authentication.js';
import type { RevocationList } from './revocation-list.js';

export interface ApiKeyVerifierOptions {
  /** How long identity's acceptance of a key is reused. */
  cacheTtlMs: number;
  /** How long a refusal is reused, so a bad key cannot make every request a bus round trip. */
  refusalCacheTtlMs: number;
  /** Most keys remembered at once; the oldest entries go first. */
  maxEntries?: number;
  now?: () => number;
}

type CachedAnswer =
  | { kind: 'accepted'; authentication: Authentication; keyId: string; userId: string; queriedAt: number; cachedUntil: number }
  | { kind: 'refused'; error: ApplicationError; cachedUntil: number };

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Checks API keys with identity (`VerifyApiKeyQuery`) and caches the answers briefly, keyed by a
 * hash of the key. Revocation events make a cached key refused at once on this replica.
 */
export class ApiKeyVerifier {
  private readonly answers = new Map<string, CachedAnswer>();
  private readonly cacheKeysByKeyId = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<Authentication>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly bus: MessageBus,
    private readonly revocations: RevocationList,
    private readonly options: ApiKeyVerifierOptions,
  ) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  verify(key: string): Authentication | Promise<Authentication> {
    const cacheKey = createHash('sha256').update(key).digest('base64url');
    const cached = this.answers.get(cacheKey);
    if (cached && this.stillValid(cached)) {
      if (cached.kind === 'refused') throw cached.error;
      return this.admit(cached.authentication, cached.keyId);
    }
    if (cached) this.answers.delete(cacheKey);
    let pending = this.inFlight.get(cacheKey);
    if (!pending) {
      pending = this.ask(key, cacheKey).finally(() => this.inFlight.delete(cacheKey));
      this.inFlight.set(cacheKey, pending);
    }
    return pending;
  }

  /** Drops a key's cached answer (it was revoked: the revocation list refuses it from now on). */
  forgetApiKey(keyId: string): void {
    const cacheKey = this.cacheKeysByKeyId.get(keyId);
    if (cacheKey === undefined) return;
    this.cacheKeysByKeyId.delete(keyId);
    this.answers.delete(cacheKey);
  }

  private async ask(key: string, cacheKey: string): Promise<Authentication> {
    const queriedAt = this.now();
    let answer: { principal: AuthPrincipal; expires_at: string | null };
    try {
      answer = await this.bus.query(VerifyApiKeyQuery, { key });
    } catch (error) {
      // Only identity's verdict is cached; a timeout or an unreachable service is not one.
      if (!(error instanceof ApplicationError)) throw error;
      const refusal =
        error.code === IdentityErrorCode.TOKEN_EXPIRED
          ? AuthErrors.expired('The API key has expired')
          : AuthErrors.invalid('The API key is not valid');
      this.remember(cacheKey, { kind: 'refused', error: refusal, cachedUntil: this.now() + this.options.refusalCacheTtlMs });
      throw refusal;
    }
    const { principal } = answer;
    const keyId = principal.keyId ?? '';
    const expiresAt = answer.expires_at === null ? null : Date.parse(answer.expires_at);
    const authentication: Authentication = { principal, credential: 'api_key', expiresAt };
    if (!this.revocations.userChangedSince(principal.userId, queriedAt)) {
      const cachedUntil = Math.min(this.now() + this.options.cacheTtlMs, expiresAt ?? Number.POSITIVE_INFINITY);
      this.remember(cacheKey, { kind: 'accepted', authentication, keyId, userId: principal.userId, queriedAt, cachedUntil });
      this.cacheKeysByKeyId.set(keyId, cacheKey);
    }
    return this.admit(authentication, keyId);
  }

  private stillValid(cached: CachedAnswer): boolean {
    if (cached.cachedUntil <= this.now()) return false;
    return cached.kind === 'refused' || !this.revocations.userChangedSince(cached.userId, cached.queriedAt);
  }

  private admit(authentication: Authentication, keyId: string): Authentication {
    if (this.revocations.isApiKeyRevoked(keyId)) throw AuthErrors.invalid('The API key has been revoked');
    if (authentication.expiresAt !== null && authentication.expiresAt <= this.now()) throw AuthErrors.expired('The API key has expired');
    return authentication;
  }

  private remember(cacheKey: string, answer: CachedAnswer): void {
    if (this.answers.size >= this.maxEntries) {
      const [oldestKey, oldest] = this.answers.entries().next().value ?? [];
      if (oldestKey !== undefined) this.answers.delete(oldestKey);
      if (oldest?.kind === 'accepted') this.cacheKeysByKeyId.delete(oldest.keyId);
    }
    this.answers.set(cacheKey, answer);
  }
}

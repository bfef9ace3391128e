import { IdentityErrorCode } from '#contracts';

export interface RevocationListOptions {
  /** How long an access token lives: a revocation is kept until every token it covers has expired. */
  accessTokenTtlSeconds: number;
  /** How long a revoked API key is remembered (at least the key cache's lifetime). */
  apiKeyMemoryMs: number;
  now?: () => number;
}

export type TokenRefusal = typeof IdentityErrorCode.TOKEN_EXPIRED | typeof IdentityErrorCode.TOKEN_INVALID;

interface UserChange {
  /** Seconds since the epoch, the unit of a token's `iat`. */
  disabledAt?: number;
  rolesChangedAt?: number;
  /** When it was last recorded, in ms: API-key answers fetched before it are stale. */
  changedAtMs: number;
  forgetAtMs: number;
}

// The verifier accepts tokens up to 5 s past `exp`; keep revocations a little longer than that.
const CLOCK_TOLERANCE_MS = 10_000;
const SWEEP_INTERVAL_MS = 30_000;

/**
 * What this gateway replica has been told to stop accepting, fed by identity's broadcast events.
 * Access tokens are verified locally, so a revoked session or a disabled user would otherwise keep
 * working until the token expires; entries are forgotten once every token they cover has expired.
 */
export class RevocationList {
  private readonly revokedSessions = new Map<string, number>();
  private readonly revokedKeys = new Map<string, number>();
  private readonly userChanges = new Map<string, UserChange>();
  private readonly now: () => number;
  private nextSweepAt = 0;

  constructor(private readonly options: RevocationListOptions) {
    this.now = options.now ?? Date.now;
  }

  revokeSessions(sessionIds: readonly string[]): void {
    const forgetAt = this.tokenLifetimeFromNow();
    for (const sessionId of sessionIds) this.revokedSessions.set(sessionId, forgetAt);
    this.sweep();
  }

  revokeApiKey(keyId: string): void {
    this.revokedKeys.set(keyId, this.now() + this.options.apiKeyMemoryMs);
    this.sweep();
  }

  /** Tokens issued up to (and in) the second the user was disabled are refused. */
  userDisabled(userId: string, disabledAtMs: number): void {
    this.recordUserChange(userId, (change) => {
      change.disabledAt = Math.max(change.disabledAt ?? 0, Math.floor(disabledAtMs / 1000));
    });
  }

  /**
   * Tokens issued before the second of the change are refused (as expired, so the client refreshes
   * and gets its new roles); a token refreshed right after the change is accepted.
   */
  rolesChanged(userId: string, changedAtMs: number): void {
    this.recordUserChange(userId, (change) => {
      change.rolesChangedAt = Math.max(change.rolesChangedAt ?? 0, Math.floor(changedAtMs / 1000));
    });
  }

  /** Why an otherwise valid access token must be refused, if it must. */
  refusalForToken(claims: { sub: string; sid: string; iat: number }): TokenRefusal | undefined {
    if (this.revokedSessions.size > 0 && this.isLive(this.revokedSessions, claims.sid)) return IdentityErrorCode.TOKEN_INVALID;
    if (this.userChanges.size === 0) return undefined;
    const change = this.userChanges.get(claims.sub);
    if (!change || change.forgetAtMs <= this.now()) return undefined;
    if (change.disabledAt !== undefined && claims.iat <= change.disabledAt) return IdentityErrorCode.TOKEN_INVALID;
    if (change.rolesChangedAt !== undefined && claims.iat < change.rolesChangedAt) return IdentityErrorCode.TOKEN_EXPIRED;
    return undefined;
  }

  isApiKeyRevoked(keyId: string): boolean {
    return this.revokedKeys.size > 0 && this.isLive(this.revokedKeys, keyId);
  }

  /** True when the user was disabled or had their roles changed at or after `sinceMs`. */
  userChangedSince(userId: string, sinceMs: number): boolean {
    const change = this.userChanges.get(userId);
    return change !== undefined && change.changedAtMs >= sinceMs;
  }

  private recordUserChange(userId: string, apply: (change: UserChange) => void): void {
    const change = this.userChanges.get(userId) ?? { changedAtMs: 0, forgetAtMs: 0 };
    apply(change);
    change.changedAtMs = this.now();
    change.forgetAtMs = Math.max(this.tokenLifetimeFromNow(), this.now() + this.options.apiKeyMemoryMs);
    this.userChanges.set(userId, change);
    this.sweep();
  }

  private isLive(entries: Map<string, number>, id: string): boolean {
    const forgetAt = entries.get(id);
    return forgetAt !== undefined && forgetAt > this.now();
  }

  private tokenLifetimeFromNow(): number {
    return this.now() + this.options.accessTokenTtlSeconds * 1000 + CLOCK_TOLERANCE_MS;
  }

  private sweep(): void {
    const now = this.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const entries of [this.revokedSessions, this.revokedKeys]) {
      for (const [id, forgetAt] of entries) if (forgetAt <= now) entries.delete(id);
    }
    for (const [userId, change] of this.userChanges) if (change.forgetAtMs <= now) this.userChanges.delete(userId);
  }
}

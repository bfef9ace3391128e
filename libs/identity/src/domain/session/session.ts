import { createId, IdPrefix } from '#contracts';
import { AggregateRoot } from '../shared/aggregate-root.js';
import { RefreshToken } from './refresh-token.js';
import type { SessionRevocationReason, SessionRevoked } from './session.events.js';

export interface ClientDetails {
  ip?: string;
  userAgent?: string;
}

export interface SessionState {
  id: string;
  userId: string;
  createdAt: Date;
  /** When the newest refresh token of the family expires. */
  expiresAt: Date;
  lastRefreshedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: SessionRevocationReason | null;
  client: ClientDetails;
}

/** What presenting a refresh token did. Only `rotated` gives the client new tokens. */
export type RefreshOutcome =
  | { kind: 'rotated'; refreshToken: string }
  /** The token had been used already: someone replayed it, so the whole family is now revoked. */
  | { kind: 'reused' }
  | { kind: 'expired' }
  | { kind: 'revoked' };

/**
 * A login: a family of refresh tokens, each exchanged exactly once for the next. A token used twice
 * means one copy was stolen, and there is no telling which holder is legitimate, so the reuse ends
 * the whole family. The aggregate holds the tokens loaded or issued in this unit of work, not the
 * whole history.
 */
export class Session extends AggregateRoot<SessionRevoked> {
  private readonly touched: RefreshToken[];

  private constructor(
    private readonly state: SessionState,
    tokens: RefreshToken[],
  ) {
    super();
    this.touched = tokens;
  }

  static start(input: { userId: string; now: Date; ttlSeconds: number; client?: ClientDetails }): {
    session: Session;
    refreshToken: string;
  } {
    const { token, secret } = RefreshToken.issue(input.now, input.ttlSeconds);
    const session = new Session(
      {
        id: createId(IdPrefix.session),
        userId: input.userId,
        createdAt: input.now,
        expiresAt: token.expiresAt,
        lastRefreshedAt: null,
        revokedAt: null,
        revokedReason: null,
        client: { ...input.client },
      },
      [token],
    );
    return { session, refreshToken: secret };
  }

  static restore(state: SessionState, tokens: RefreshToken[] = []): Session {
    return new Session({ ...state, client: { ...state.client } }, tokens);
  }

  get id(): string {
    return this.state.id;
  }
  get userId(): string {
    return this.state.userId;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
  get expiresAt(): Date {
    return this.state.expiresAt;
  }
  get lastRefreshedAt(): Date | null {
    return this.state.lastRefreshedAt;
  }
  get revokedAt(): Date | null {
    return this.state.revokedAt;
  }
  get revokedReason(): SessionRevocationReason | null {
    return this.state.revokedReason;
  }
  get client(): Readonly<ClientDetails> {
    return this.state.client;
  }
  /** Tokens issued or changed in this unit of work, for the repository to store. */
  get tokens(): readonly RefreshToken[] {
    return this.touched;
  }

  isActive(now: Date): boolean {
    return this.state.revokedAt === null && now.getTime() < this.state.expiresAt.getTime();
  }

  /** Exchanges `presented` (a token of this family, loaded with it) for a new one. */
  refresh(presentedHash: string, now: Date, ttlSeconds: number): RefreshOutcome {
    const presented = this.touched.find((token) => token.hash === presentedHash);
    if (!presented) throw new Error(`Refresh token is not loaded with session ${this.id}`);
    if (this.state.revokedAt !== null) return { kind: 'revoked' };
    if (presented.usedAt !== null) {
      this.revoke(now, 'token-reuse');
      return { kind: 'reused' };
    }
    if (presented.isExpired(now)) return { kind: 'expired' };

    presented.markUsed(now);
    const { token, secret } = RefreshToken.issue(now, ttlSeconds);
    this.touched.push(token);
    this.state.expiresAt = token.expiresAt;
    this.state.lastRefreshedAt = now;
    return { kind: 'rotated', refreshToken: secret };
  }

  /** Ends the session; true if it was still open. Every refresh token of the family stops working. */
  revoke(now: Date, reason: SessionRevocationReason): boolean {
    if (this.state.revokedAt !== null) return false;
    this.state.revokedAt = now;
    this.state.revokedReason = reason;
    this.raise({ name: 'SessionRevoked', sessionId: this.id, userId: this.userId, reason, occurredAt: now });
    return true;
  }
}

import { generateOpaqueSecret, hashOpaqueSecret, looksLikeOpaqueSecret } from '../shared/opaque-secret.js';

export const REFRESH_TOKEN_PREFIX = 'vxr_';

export interface RefreshTokenState {
  hash: string;
  issuedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** One refresh token of a session. Only its hash is kept; each is good for a single refresh. */
export class RefreshToken {
  private constructor(private readonly state: RefreshTokenState) {}

  /** A new token: the secret goes to the client once, the token (its hash) is stored. */
  static issue(now: Date, ttlSeconds: number): { token: RefreshToken; secret: string } {
    const { value, hash } = generateOpaqueSecret(REFRESH_TOKEN_PREFIX);
    const token = new RefreshToken({ hash, issuedAt: now, expiresAt: new Date(now.getTime() + ttlSeconds * 1000), usedAt: null });
    return { token, secret: value };
  }

  static restore(state: RefreshTokenState): RefreshToken {
    return new RefreshToken({ ...state });
  }

  /** The stored hash of a presented token, or undefined when it cannot be one of ours. */
  static hashOf(secret: unknown): string | undefined {
    return looksLikeOpaqueSecret(secret, REFRESH_TOKEN_PREFIX) ? hashOpaqueSecret(secret) : undefined;
  }

  get hash(): string {
    return this.state.hash;
  }
  get issuedAt(): Date {
    return this.state.issuedAt;
  }
  get expiresAt(): Date {
    return this.state.expiresAt;
  }
  get usedAt(): Date | null {
    return this.state.usedAt;
  }

  isExpired(now: Date): boolean {
    return now.getTime() >= this.state.expiresAt.getTime();
  }

  markUsed(now: Date): void {
    this.state.usedAt = now;
  }
}

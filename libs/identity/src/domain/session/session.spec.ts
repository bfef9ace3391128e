import { RefreshToken } from './refresh-token.js';
import { Session } from './session.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const TTL = 3600;

/** What the repository would load for a presented token: the session with that token. */
function reload(session: Session, secret: string): Session {
  const hash = RefreshToken.hashOf(secret)!;
  const token = session.tokens.find((candidate) => candidate.hash === hash)!;
  return Session.restore(
    {
      id: session.id,
      userId: session.userId,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
      lastRefreshedAt: session.lastRefreshedAt,
      revokedAt: session.revokedAt,
      revokedReason: session.revokedReason,
      client: session.client,
    },
    [RefreshToken.restore({ hash: token.hash, issuedAt: token.issuedAt, expiresAt: token.expiresAt, usedAt: token.usedAt })],
  );
}

describe('Session', () => {
  it('starts with a random vxr_ refresh token of 256 bits, keeping only its SHA-256', () => {
    const { session, refreshToken } = Session.start({ userId: 'usr_1', now: t0, ttlSeconds: TTL, client: { ip: '203.0.113.1' } });
    const other = Session.start({ userId: 'usr_1', now: t0, ttlSeconds: TTL });

    expect(refreshToken).toMatch(/^vxr_[A-Za-z0-9_-]{43}$/);
    expect(refreshToken).not.toBe(other.refreshToken);
    expect(session.tokens.map((token) => token.hash)).toEqual([RefreshToken.hashOf(refreshToken)]);
    expect(session.tokens[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.expiresAt).toEqual(at(TTL));
    expect(session.isActive(at(TTL - 1))).toBe(true);
    expect(session.isActive(at(TTL))).toBe(false);
  });

  it('rotates: the presented token is marked used and a new one extends the session', () => {
    const { session, refreshToken } = Session.start({ userId: 'usr_1', now: t0, ttlSeconds: TTL });

    const outcome = session.refresh(RefreshToken.hashOf(refreshToken)!, at(60), TTL);

    expect(outcome.kind).toBe('rotated');
    const next = (outcome as { refreshToken: string }).refreshToken;
    expect(next).not.toBe(refreshToken);
    expect(session.tokens[0]?.usedAt).toEqual(at(60));
    expect(session.tokens[1]?.hash).toBe(RefreshToken.hashOf(next));
    expect(session.expiresAt).toEqual(at(60 + TTL));
    expect(session.pullEvents()).toEqual([]);
  });

  it('revokes the whole family when a used token is presented again', () => {
    const { session, refreshToken } = Session.start({ userId: 'usr_1', now: t0, ttlSeconds: TTL });
    session.refresh(RefreshToken.hashOf(refreshToken)!, at(60), TTL);
    const replayed = reload(session, refreshToken);

    expect(replayed.refresh(RefreshToken.hashOf(refreshToken)!, at(120), TTL)).toEqual({ kind: 'reused' });

    expect(replayed.revokedAt).toEqual(at(120));
    expect(replayed.revokedReason).toBe('token-reuse');
    expect(replayed.pullEvents()).toEqual([
      { name: 'SessionRevoked', sessionId: session.id, userId: 'usr_1', reason: 'token-reuse', occurredAt: at(120) },
    ]);
  });

  it('refuses an expired token and any token of a revoked session', () => {
    const { session, refreshToken } = Session.start({ userId: 'usr_1', now: t0, ttlSeconds: TTL });
    const hash = RefreshToken.hashOf(refreshToken)!;

    expect(session.refresh(hash, at(TTL), TTL)).toEqual({ kind: 'expired' });
    expect(session.revoke(at(10), 'logout')).toBe(true);
    expect(session.revoke(at(11), 'logout')).toBe(false);
    expect(session.refresh(hash, at(20), TTL)).toEqual({ kind: 'revoked' });
    expect(session.pullEvents()).toHaveLength(1);
  });

  it('recognises only well-formed refresh tokens', () => {
    expect(RefreshToken.hashOf('vxr_short')).toBeUndefined();
    expect(RefreshToken.hashOf(`vx_${'a'.repeat(43)}`)).toBeUndefined();
    expect(RefreshToken.hashOf(undefined)).toBeUndefined();
    expect(RefreshToken.hashOf(`vxr_${'a'.repeat(43)}`)).toMatch(/^[0-9a-f]{64}$/);
  });
});

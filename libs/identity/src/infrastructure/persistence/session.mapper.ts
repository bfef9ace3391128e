import { RefreshToken, Session, type SessionRevocationReason } from '../../domain/index.js';
import type { RefreshTokenRecord } from './refresh-token.entity.js';
import type { SessionRecord } from './session.entity.js';

export function sessionToRecord(session: Session): SessionRecord {
  return {
    id: session.id,
    user_id: session.userId,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    last_refreshed_at: session.lastRefreshedAt,
    revoked_at: session.revokedAt,
    revoked_reason: session.revokedReason,
    client_ip: session.client.ip ?? null,
    user_agent: session.client.userAgent ?? null,
  };
}

export function refreshTokenToRecord(sessionId: string, token: RefreshToken): RefreshTokenRecord {
  return { token_hash: token.hash, session_id: sessionId, issued_at: token.issuedAt, expires_at: token.expiresAt, used_at: token.usedAt };
}

export function sessionFromRecords(record: SessionRecord, tokens: RefreshTokenRecord[] = []): Session {
  return Session.restore(
    {
      id: record.id,
      userId: record.user_id,
      createdAt: record.created_at,
      expiresAt: record.expires_at,
      lastRefreshedAt: record.last_refreshed_at,
      revokedAt: record.revoked_at,
      revokedReason: record.revoked_reason as SessionRevocationReason | null,
      client: { ip: record.client_ip ?? undefined, userAgent: record.user_agent ?? undefined },
    },
    tokens.map((token) =>
      RefreshToken.restore({ hash: token.token_hash, issuedAt: token.issued_at, expiresAt: token.expires_at, usedAt: token.used_at }),
    ),
  );
}

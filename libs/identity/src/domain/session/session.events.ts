export type SessionRevocationReason = 'logout' | 'logout-everywhere' | 'token-reuse' | 'password-changed' | 'user-disabled';

export interface SessionRevoked {
  readonly name: 'SessionRevoked';
  readonly sessionId: string;
  readonly userId: string;
  readonly reason: SessionRevocationReason;
  readonly occurredAt: Date;
}

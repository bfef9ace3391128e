import type { Session } from '../../domain/index.js';

export abstract class SessionRepository {
  /** Stores the session and the refresh tokens it issued or used in this unit of work. */
  abstract save(session: Session): Promise<void>;
  /**
   * The session a refresh token (used or not) belongs to, loaded with that token and locked until the
   * transaction ends, so two refreshes of one family are decided one after the other.
   */
  abstract findByRefreshTokenHash(hash: string): Promise<Session | undefined>;
  /** Locked until the transaction ends. */
  abstract findById(id: string): Promise<Session | undefined>;
  /** The user's sessions that are neither revoked nor expired, locked until the transaction ends. */
  abstract findActiveByUser(userId: string, now: Date): Promise<Session[]>;
}

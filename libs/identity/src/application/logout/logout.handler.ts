import { Injectable } from '@nestjs/common';
import { LogoutCommand, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { RefreshToken, validationFailure, type Session } from '../../domain/index.js';
import { Clock, EventOutbox, SessionRepository, UnitOfWork } from '../ports/index.js';

/**
 * Ends the session named by a refresh token or session id, or every session of the user. A
 * session of someone else, or one that is already over, counts as nothing to revoke.
 */
@Injectable()
export class LogoutHandler {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
  ) {}

  @HandleMessage(LogoutCommand)
  async execute(payload: PayloadOf<typeof LogoutCommand>): Promise<{ revoked_sessions: number }> {
    if (!payload.everywhere && payload.session_id === undefined && payload.refresh_token === undefined) {
      throw validationFailure('session_id', 'give a session id or refresh token, or log out everywhere');
    }
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const targets = payload.everywhere ? await this.sessions.findActiveByUser(payload.user_id, now) : await this.namedSessions(payload);
      const reason = payload.everywhere ? 'logout-everywhere' : 'logout';
      const revoked = targets.filter((session) => session.userId === payload.user_id && session.revoke(now, reason));
      for (const session of revoked) await this.sessions.save(session);
      await this.outbox.record(revoked.flatMap((session) => session.pullEvents()));
      return { revoked_sessions: revoked.length };
    });
  }

  private async namedSessions(payload: PayloadOf<typeof LogoutCommand>): Promise<Session[]> {
    const found: Session[] = [];
    if (typeof payload.session_id === 'string') {
      const session = await this.sessions.findById(payload.session_id);
      if (session) found.push(session);
    }
    const hash = RefreshToken.hashOf(payload.refresh_token);
    if (hash) {
      const session = await this.sessions.findByRefreshTokenHash(hash);
      if (session && !found.some((known) => known.id === session.id)) found.push(session);
    }
    return found;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { RefreshSessionCommand, type PayloadOf, type SessionTokens } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { RefreshToken, type RefreshOutcome, type Session, type User } from '../../domain/index.js';
import { Clock, EventOutbox, SessionRepository, UnitOfWork, UserRepository } from '../ports/index.js';
import { IdentitySettings } from '../shared/identity-settings.js';
import { identityErrors } from '../shared/identity-errors.js';
import { SessionTokensFactory } from '../shared/session-tokens.factory.js';

type Decision = { outcome: RefreshOutcome; session: Session; user: User };

/**
 * Rotates a refresh token. Reuse of a used token commits the revocation of the whole family (and
 * its event) before TOKEN_REUSED is answered, so the revocation sticks even though the call fails.
 */
@Injectable()
export class RefreshSessionHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
    private readonly tokens: SessionTokensFactory,
    private readonly settings: IdentitySettings,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(RefreshSessionCommand)
  async execute(payload: PayloadOf<typeof RefreshSessionCommand>): Promise<SessionTokens> {
    const hash = RefreshToken.hashOf(payload.refresh_token);
    if (!hash) throw identityErrors.tokenInvalid('refresh token');

    const { outcome, session, user } = await this.unitOfWork.run(() => this.decide(hash));
    switch (outcome.kind) {
      case 'rotated':
        return this.tokens.create(user, session, outcome.refreshToken);
      case 'reused':
        this.logger.warn({ userId: session.userId, sessionId: session.id }, 'refresh token reused: session family revoked');
        throw identityErrors.tokenReused();
      case 'expired':
      case 'revoked':
        throw identityErrors.tokenInvalid('refresh token');
    }
  }

  private async decide(hash: string): Promise<Decision> {
    const session = await this.sessions.findByRefreshTokenHash(hash);
    if (!session) throw identityErrors.tokenInvalid('refresh token');
    const user = await this.users.findById(session.userId);
    if (!user) throw identityErrors.tokenInvalid('refresh token');
    user.assertActive();

    const outcome = session.refresh(hash, this.clock.now(), this.settings.refreshTokenTtlSeconds);
    if (outcome.kind === 'rotated' || outcome.kind === 'reused') {
      await this.sessions.save(session);
      await this.outbox.record(session.pullEvents());
    }
    return { outcome, session, user };
  }
}

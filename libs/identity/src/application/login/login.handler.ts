import { Inject, Injectable } from '@nestjs/common';
import { LoginCommand, type PayloadOf, type SessionTokens } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { Email, Session, type User } from '../../domain/index.js';
import { Clock, PasswordHasher, SessionRepository, UnitOfWork, UserRepository } from '../ports/index.js';
import { clientDetailsFrom } from '../shared/client-details.js';
import { IdentitySettings } from '../shared/identity-settings.js';
import { identityErrors } from '../shared/identity-errors.js';
import { SessionTokensFactory } from '../shared/session-tokens.factory.js';

/** Email and password in, a new session out. */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly tokens: SessionTokensFactory,
    private readonly settings: IdentitySettings,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(LoginCommand)
  async execute(payload: PayloadOf<typeof LoginCommand>): Promise<SessionTokens> {
    const user = await this.authenticate(payload.email, payload.password);
    // Only a caller who knows the password learns that the account is disabled.
    if (!user.isActive) {
      this.logger.info({ userId: user.id }, 'login refused: account disabled');
      user.assertActive();
    }

    const now = this.clock.now();
    const { session, refreshToken } = Session.start({
      userId: user.id,
      now,
      ttlSeconds: this.settings.refreshTokenTtlSeconds,
      client: clientDetailsFrom(payload.client),
    });
    user.recordLogin(now);
    await this.unitOfWork.run(async () => {
      await this.users.updateLastLogin(user);
      await this.sessions.save(session);
    });
    this.logger.info({ userId: user.id, sessionId: session.id }, 'user logged in');
    return this.tokens.create(user, session, refreshToken);
  }

  private async authenticate(rawEmail: unknown, password: unknown): Promise<User> {
    const email = Email.tryParse(rawEmail);
    const user = email ? await this.users.findByEmail(email) : undefined;
    const presented = typeof password === 'string' ? password : '';
    const matches = user ? await this.hasher.verify(user.passwordHash, presented) : await this.hasher.verifyAgainstDummy(presented);
    if (!user || !matches) {
      this.logger.info({ userId: user?.id }, 'login refused: invalid credentials');
      throw identityErrors.invalidCredentials();
    }
    return user;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { ChangePasswordCommand, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { assertPasswordPolicy } from '../../domain/index.js';
import { Clock, EventOutbox, PasswordHasher, SessionRepository, UnitOfWork, UserRepository } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';

/**
 * Changes the password after checking the current one, and ends every other session of the user
 * (all of them when the caller names no session of its own, e.g. when it used an API key).
 */
@Injectable()
export class ChangePasswordHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(ChangePasswordCommand)
  async execute(payload: PayloadOf<typeof ChangePasswordCommand>): Promise<void> {
    assertPasswordPolicy(payload.new_password, 'new_password');
    const newHash = await this.hasher.hash(payload.new_password);
    const revoked = await this.unitOfWork.run(async () => {
      const user = await this.users.findById(payload.user_id, { lock: true });
      if (!user) throw identityErrors.userNotFound();
      const current = typeof payload.current_password === 'string' ? payload.current_password : '';
      if (!(await this.hasher.verify(user.passwordHash, current))) throw identityErrors.wrongCurrentPassword();

      const now = this.clock.now();
      user.changePasswordHash(newHash, now);
      await this.users.update(user);
      const others = (await this.sessions.findActiveByUser(user.id, now)).filter((session) => session.id !== payload.session_id);
      for (const session of others) {
        session.revoke(now, 'password-changed');
        await this.sessions.save(session);
      }
      await this.outbox.record(others.flatMap((session) => session.pullEvents()));
      return others.length;
    });
    this.logger.info({ userId: payload.user_id, revokedSessions: revoked }, 'password changed');
  }
}

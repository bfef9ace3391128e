import { Inject, Injectable } from '@nestjs/common';
import { AdminUpdateUserCommand, type PayloadOf, type UserView } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import type { IdentityDomainEvent } from '../../domain/index.js';
import { Clock, EventOutbox, SessionRepository, UnitOfWork, UserRepository } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';
import { toUserView } from '../shared/views.js';

/**
 * An admin changes a user's roles or disables/enables the account. Disabling ends every session of
 * the user in the same transaction. The actor is checked here too, not only by the gateway.
 */
@Injectable()
export class AdminUpdateUserHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(AdminUpdateUserCommand)
  async execute(payload: PayloadOf<typeof AdminUpdateUserCommand>): Promise<UserView> {
    const actor = await this.users.findById(payload.actor_id);
    if (!actor?.isAdmin || !actor.isActive) throw identityErrors.permissionDenied('Only admins can change users');

    return this.unitOfWork.run(async () => {
      const user = await this.users.findById(payload.user_id, { lock: true });
      if (!user) throw identityErrors.userNotFound();
      const now = this.clock.now();
      user.applyAdminChange(actor.id, { roles: payload.roles, disabled: payload.disabled }, now);
      await this.users.update(user);

      const events: IdentityDomainEvent[] = user.pullEvents();
      if (!user.isActive) {
        for (const session of await this.sessions.findActiveByUser(user.id, now)) {
          session.revoke(now, 'user-disabled');
          await this.sessions.save(session);
          events.push(...session.pullEvents());
        }
      }
      await this.outbox.record(events);
      this.logger.info({ actorId: actor.id, userId: user.id, roles: user.roles, status: user.status }, 'user changed by an admin');
      return toUserView(user);
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { RegisterUserCommand, type PayloadOf, type UserView } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { assertPasswordPolicy, Email, User } from '../../domain/index.js';
import { Clock, EventOutbox, PasswordHasher, UnitOfWork, UserRepository } from '../ports/index.js';
import { toUserView } from '../shared/views.js';

/**
 * Registration. The payload is read field by field, so extra fields such as `roles` are ignored:
 * a new account is always a plain user.
 */
@Injectable()
export class RegisterUserHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(RegisterUserCommand)
  async execute(payload: PayloadOf<typeof RegisterUserCommand>): Promise<UserView> {
    const email = Email.parse(payload.email);
    assertPasswordPolicy(payload.password);
    const user = User.register({
      email,
      passwordHash: await this.hasher.hash(payload.password),
      firstName: payload.first_name,
      lastName: payload.last_name,
      now: this.clock.now(),
    });
    await this.unitOfWork.run(async () => {
      await this.users.insert(user);
      await this.outbox.record(user.pullEvents());
    });
    this.logger.info({ userId: user.id }, 'user registered');
    return toUserView(user);
  }
}

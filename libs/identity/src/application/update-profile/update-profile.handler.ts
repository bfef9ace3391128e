import { Injectable } from '@nestjs/common';
import { UpdateProfileCommand, type PayloadOf, type UserView } from '#contracts';
import { HandleMessage } from '#messaging';
import { Email, validationFailure } from '../../domain/index.js';
import { Clock, PasswordHasher, UnitOfWork, UserRepository } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';
import { toUserView } from '../shared/views.js';

/** Names, and the email after the current password is checked again (a stolen access token alone cannot take the account). */
@Injectable()
export class UpdateProfileHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  @HandleMessage(UpdateProfileCommand)
  async execute(payload: PayloadOf<typeof UpdateProfileCommand>): Promise<UserView> {
    const newEmail = payload.email === undefined ? undefined : Email.parse(payload.email);
    return this.unitOfWork.run(async () => {
      const user = await this.users.findById(payload.user_id, { lock: true });
      if (!user) throw identityErrors.userNotFound();
      const now = this.clock.now();

      if (newEmail && !newEmail.equals(user.email)) {
        if (typeof payload.current_password !== 'string' || payload.current_password.length === 0) {
          throw validationFailure('current_password', 'is required to change the email');
        }
        if (!(await this.hasher.verify(user.passwordHash, payload.current_password))) throw identityErrors.wrongCurrentPassword();
        user.changeEmail(newEmail, now);
      }
      user.rename({ firstName: payload.first_name, lastName: payload.last_name }, now);
      await this.users.update(user);
      return toUserView(user);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { GetUserQuery, type PayloadOf, type UserView } from '#contracts';
import { HandleMessage } from '#messaging';
import { UserRepository } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';
import { toUserView } from '../shared/views.js';

@Injectable()
export class GetUserHandler {
  constructor(private readonly users: UserRepository) {}

  @HandleMessage(GetUserQuery)
  async execute(payload: PayloadOf<typeof GetUserQuery>): Promise<UserView> {
    const user = await this.users.findById(payload.user_id);
    if (!user) throw identityErrors.userNotFound();
    return toUserView(user);
  }
}

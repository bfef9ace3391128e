import { Injectable } from '@nestjs/common';
import { ListUsersQuery, ROLES, type PayloadOf, type ResultOf, pageView } from '#contracts';
import { HandleMessage } from '#messaging';
import { validationFailure } from '../../domain/index.js';
import { UserRepository } from '../ports/index.js';
import { toUserView } from '../shared/views.js';

export const MAX_PAGE_SIZE = 100;
const STATUSES = ['active', 'disabled'];

/** The admin's user list: newest first, filtered by email substring, role and status. */
@Injectable()
export class ListUsersHandler {
  constructor(private readonly users: UserRepository) {}

  @HandleMessage(ListUsersQuery)
  async execute(payload: PayloadOf<typeof ListUsersQuery>): Promise<ResultOf<typeof ListUsersQuery>> {
    const { page, page_size: pageSize } = payload;
    if (!Number.isInteger(page) || page < 1) throw validationFailure('page', 'must be a whole number of at least 1');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw validationFailure('page_size', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    }
    if (payload.role !== undefined && !(ROLES as readonly string[]).includes(payload.role)) {
      throw validationFailure('role', `must be one of: ${ROLES.join(', ')}`);
    }
    if (payload.status !== undefined && !STATUSES.includes(payload.status)) {
      throw validationFailure('status', `must be one of: ${STATUSES.join(', ')}`);
    }

    const { users, total } = await this.users.search({
      emailContains: typeof payload.email === 'string' ? payload.email.trim().toLowerCase() || undefined : undefined,
      role: payload.role,
      status: payload.status,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { users: users.map(toUserView), pagination: pageView(page, pageSize, total) };
  }
}

import type { Role, UserStatus } from '#contracts';
import { Email, User } from '../../domain/index.js';
import type { UserRecord } from './user.entity.js';

export function userToRecord(user: User): UserRecord {
  return {
    id: user.id,
    email: user.email.value,
    password_hash: user.passwordHash,
    first_name: user.firstName,
    last_name: user.lastName,
    roles: [...user.roles],
    status: user.status,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    last_login_at: user.lastLoginAt,
  };
}

export function userFromRecord(record: UserRecord): User {
  return User.restore({
    id: record.id,
    email: Email.parse(record.email),
    passwordHash: record.password_hash,
    firstName: record.first_name,
    lastName: record.last_name,
    roles: record.roles as Role[],
    status: record.status as UserStatus,
    createdAt: record.created_at,
    updatedAt: record.updated_at,
    lastLoginAt: record.last_login_at,
  });
}

import type { Role, UserStatus } from '#contracts';
import type { Email, User } from '../../domain/index.js';

export interface UserSearch {
  /** Case-insensitive substring of the email. */
  emailContains?: string;
  role?: Role;
  status?: UserStatus;
  offset: number;
  limit: number;
}

export abstract class UserRepository {
  /** `lock`: hold the row until the transaction ends (use inside UnitOfWork.run). */
  abstract findById(id: string, options?: { lock?: boolean }): Promise<User | undefined>;
  abstract findByEmail(email: Email): Promise<User | undefined>;
  /** Throws USER_ALREADY_EXISTS when the email is taken; the unique index decides, so races are safe. */
  abstract insert(user: User): Promise<void>;
  /**
   * Writes only last_login_at: a login holds no lock on the row, so it must not write back fields
   * (such as a password hash) that another use case may have changed meanwhile.
   */
  abstract updateLastLogin(user: User): Promise<void>;
  /** Throws USER_ALREADY_EXISTS when a changed email is taken. Load the user with `lock` first. */
  abstract update(user: User): Promise<void>;
  /** Newest first. */
  abstract search(search: UserSearch): Promise<{ users: User[]; total: number }>;
}

import { ApplicationError, ErrorCode, IdentityErrorCode, createId, IdPrefix, type Role, type UserStatus } from '#contracts';
import { AggregateRoot } from '../shared/aggregate-root.js';
import type { Email } from './email.js';
import { parsePersonName } from './person-name.js';
import { normaliseRoles, sameRoles } from './roles.js';
import type { UserEvent } from './user.events.js';

export interface UserState {
  id: string;
  email: Email;
  passwordHash: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}

export interface NewUser {
  email: Email;
  /** Already hashed: the policy is checked on the plain password before hashing. */
  passwordHash: string;
  firstName: unknown;
  lastName: unknown;
  now: Date;
}

/** What an admin may change about an account. */
export interface AdminChange {
  roles?: unknown;
  disabled?: boolean;
}

/** An account. Registration always makes a plain `user`; only an admin change grants roles. */
export class User extends AggregateRoot<UserEvent> {
  private constructor(private state: UserState) {
    super();
  }

  static register(input: NewUser): User {
    const user = new User({
      id: createId(IdPrefix.user),
      email: input.email,
      passwordHash: input.passwordHash,
      firstName: parsePersonName('first_name', input.firstName),
      lastName: parsePersonName('last_name', input.lastName),
      roles: ['user'],
      status: 'active',
      createdAt: input.now,
      updatedAt: input.now,
      lastLoginAt: null,
    });
    user.raise({ name: 'UserRegistered', userId: user.id, email: input.email.value, occurredAt: input.now });
    return user;
  }

  /** An account registered with the admin role already, for the first admin from configuration. */
  static registerAdmin(input: NewUser): User {
    const user = User.register(input);
    user.state.roles = ['user', 'admin'];
    return user;
  }

  static restore(state: UserState): User {
    return new User({ ...state, roles: [...state.roles] });
  }

  get id(): string {
    return this.state.id;
  }
  get email(): Email {
    return this.state.email;
  }
  get passwordHash(): string {
    return this.state.passwordHash;
  }
  get firstName(): string {
    return this.state.firstName;
  }
  get lastName(): string {
    return this.state.lastName;
  }
  get roles(): readonly Role[] {
    return this.state.roles;
  }
  get status(): UserStatus {
    return this.state.status;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
  get updatedAt(): Date {
    return this.state.updatedAt;
  }
  get lastLoginAt(): Date | null {
    return this.state.lastLoginAt;
  }
  get isAdmin(): boolean {
    return this.state.roles.includes('admin');
  }
  get isActive(): boolean {
    return this.state.status === 'active';
  }

  /** Throws ACCOUNT_DISABLED for a disabled account (checked after the credentials, never before). */
  assertActive(): void {
    if (!this.isActive) throw new ApplicationError(IdentityErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
  }

  recordLogin(now: Date): void {
    this.state.lastLoginAt = now;
  }

  rename(names: { firstName?: unknown; lastName?: unknown }, now: Date): void {
    if (names.firstName !== undefined) this.state.firstName = parsePersonName('first_name', names.firstName);
    if (names.lastName !== undefined) this.state.lastName = parsePersonName('last_name', names.lastName);
    this.state.updatedAt = now;
  }

  changeEmail(email: Email, now: Date): void {
    this.state.email = email;
    this.state.updatedAt = now;
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.state.passwordHash = passwordHash;
    this.state.updatedAt = now;
  }

  /** Ensures the admin role, for the configured first admin. True when it was missing. */
  grantAdmin(now: Date): boolean {
    if (this.isAdmin) return false;
    this.setRoles(['user', 'admin'], now);
    return true;
  }

  /**
   * Applies an admin's change. An admin cannot disable or demote themselves, so the platform can
   * never lose its last admin by accident.
   */
  applyAdminChange(actorId: string, change: AdminChange, now: Date): void {
    const roles = change.roles === undefined ? undefined : normaliseRoles(change.roles);
    if (actorId === this.id && (change.disabled === true || (roles !== undefined && !roles.includes('admin')))) {
      throw new ApplicationError(ErrorCode.PERMISSION_DENIED, 'Admins cannot disable or demote themselves');
    }
    if (roles !== undefined) this.setRoles(roles, now);
    if (change.disabled === true) this.disable(now);
    if (change.disabled === false) this.enable(now);
  }

  private setRoles(roles: Role[], now: Date): void {
    if (sameRoles(roles, this.state.roles)) return;
    this.state.roles = roles;
    this.state.updatedAt = now;
    this.raise({ name: 'UserRolesChanged', userId: this.id, roles, occurredAt: now });
  }

  private disable(now: Date): void {
    if (!this.isActive) return;
    this.state.status = 'disabled';
    this.state.updatedAt = now;
    this.raise({ name: 'UserDisabled', userId: this.id, occurredAt: now });
  }

  private enable(now: Date): void {
    if (this.isActive) return;
    this.state.status = 'active';
    this.state.updatedAt = now;
  }
}

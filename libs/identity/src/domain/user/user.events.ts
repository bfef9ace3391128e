import type { Role } from '#contracts';

export interface UserRegistered {
  readonly name: 'UserRegistered';
  readonly userId: string;
  readonly email: string;
  readonly occurredAt: Date;
}

export interface UserDisabled {
  readonly name: 'UserDisabled';
  readonly userId: string;
  readonly occurredAt: Date;
}

export interface UserRolesChanged {
  readonly name: 'UserRolesChanged';
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly occurredAt: Date;
}

export type UserEvent = UserRegistered | UserDisabled | UserRolesChanged;

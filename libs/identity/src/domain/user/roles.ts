import { ROLES, type Role } from '#contracts';
import { validationFailure } from '../shared/validation-failure.js';

/** Every account holds `user`; `admin` is granted on top of it. Sorted so two role sets compare as strings. */
export function normaliseRoles(requested: unknown): Role[] {
  if (!Array.isArray(requested) || requested.some((role) => !(ROLES as readonly unknown[]).includes(role))) {
    throw validationFailure('roles', `must be a list of: ${ROLES.join(', ')}`);
  }
  const roles = new Set<Role>(['user', ...(requested as Role[])]);
  return ROLES.filter((role) => roles.has(role));
}

export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

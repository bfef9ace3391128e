import { API_KEY_SCOPES, ROLES, type ApiKeyScope, type Role } from '#contracts';

const ROLE_SCOPES: Record<Role, readonly ApiKeyScope[]> = {
  user: API_KEY_SCOPES.filter((scope) => scope !== 'admin'),
  admin: API_KEY_SCOPES,
};

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);
const scopesByRoleSet = new Map<string, ApiKeyScope[]>();

/** The roles of a token that Voxify knows; anything else in the claim is ignored. */
export function knownRoles(roles: readonly string[]): Role[] {
  return roles.filter((role): role is Role => KNOWN_ROLES.has(role));
}

/** Every scope the roles allow: what a JWT session may do (the `admin` scope only for admins). */
export function scopesForRoles(roles: readonly Role[]): ApiKeyScope[] {
  const cacheKey = roles.join(',');
  let scopes = scopesByRoleSet.get(cacheKey);
  if (!scopes) {
    scopes = API_KEY_SCOPES.filter((scope) => roles.some((role) => ROLE_SCOPES[role].includes(scope)));
    scopesByRoleSet.set(cacheKey, scopes);
  }
  return [...scopes];
}

import { API_KEY_SCOPES, ApplicationError, IdentityErrorCode, type ApiKeyScope, type Role } from '#contracts';

/**
 * The scopes a key is created with: known ones, at least one, no duplicates. `admin` only for an
 * owner who is an admin, so a key can never do more than its owner.
 */
export function parseApiKeyScopes(requested: unknown, ownerRoles: readonly Role[]): ApiKeyScope[] {
  if (!Array.isArray(requested) || requested.length === 0) {
    throw invalidScopes(`Give at least one scope of: ${API_KEY_SCOPES.join(', ')}`);
  }
  const unknown = requested.filter((scope) => !(API_KEY_SCOPES as readonly unknown[]).includes(scope));
  if (unknown.length > 0) throw invalidScopes(`Unknown scopes: ${unknown.map(String).join(', ')}; use ${API_KEY_SCOPES.join(', ')}`);
  const scopes = new Set(requested as ApiKeyScope[]);
  if (scopes.has('admin') && !ownerRoles.includes('admin')) throw invalidScopes('Only admins can create keys with the admin scope');
  return API_KEY_SCOPES.filter((scope) => scopes.has(scope));
}

/** What a key may do now: its scopes, less `admin` if its owner is no longer an admin. */
export function effectiveScopes(scopes: readonly ApiKeyScope[], ownerRoles: readonly Role[]): ApiKeyScope[] {
  return scopes.filter((scope) => scope !== 'admin' || ownerRoles.includes('admin'));
}

function invalidScopes(message: string): ApplicationError {
  return new ApplicationError(IdentityErrorCode.INVALID_SCOPES, message, [{ field: 'scopes', messages: [message] }]);
}

import type { ApiKeyView, UserView } from '#contracts';
import type { ApiKey, User } from '../../domain/index.js';

/** The wire view of an account: never the password hash. */
export function toUserView(user: User): UserView {
  return {
    user_id: user.id,
    email: user.email.value,
    first_name: user.firstName,
    last_name: user.lastName,
    roles: [...user.roles],
    status: user.status,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** The wire view of an API key: never the secret or its hash. */
export function toApiKeyView(apiKey: ApiKey): ApiKeyView {
  return {
    key_id: apiKey.id,
    name: apiKey.name,
    prefix: apiKey.prefix,
    scopes: [...apiKey.scopes],
    created_at: apiKey.createdAt.toISOString(),
    expires_at: apiKey.expiresAt?.toISOString() ?? null,
    last_used_at: apiKey.lastUsedAt?.toISOString() ?? null,
    revoked_at: apiKey.revokedAt?.toISOString() ?? null,
  };
}

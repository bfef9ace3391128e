import { defineCommand, defineEvent, defineQuery } from '../messages/message-definitions.js';
import type {
  ApiKeyScope,
  ApiKeyView,
  AuthPrincipal,
  CreatedApiKey,
  PageView,
  Role,
  SessionTokens,
  UserStatus,
  UserView,
} from './identity.views.js';

/** Where a credential request came from; used for audit and rate limits, never trusted for auth. */
export interface ClientInfo {
  ip?: string;
  user_agent?: string;
}

// Commands: each handled by exactly one identity instance.

export const RegisterUserCommand = defineCommand<{ email: string; password: string; first_name: string; last_name: string }, UserView>(
  'identity',
  'identity.user.register',
);

export const LoginCommand = defineCommand<{ email: string; password: string; client?: ClientInfo }, SessionTokens>(
  'identity',
  'identity.session.login',
);

/** Rotates a refresh token. Presenting one that was already rotated revokes its whole session (TOKEN_REUSED). */
export const RefreshSessionCommand = defineCommand<{ refresh_token: string; client?: ClientInfo }, SessionTokens>(
  'identity',
  'identity.session.refresh',
);

/** Ends one session (the one the refresh token or session id names), or every session of the user. */
export const LogoutCommand = defineCommand<
  { user_id: string; session_id?: string; refresh_token?: string; everywhere?: boolean },
  { revoked_sessions: number }
>('identity', 'identity.session.logout');

export const UpdateProfileCommand = defineCommand<
  { user_id: string; first_name?: string; last_name?: string; email?: string; current_password?: string },
  UserView
>('identity', 'identity.user.update-profile');

/** Ends the user's other sessions; `session_id` (the caller's own, from its access token) is kept. */
export const ChangePasswordCommand = defineCommand<
  { user_id: string; current_password: string; new_password: string; session_id?: string },
  void
>('identity', 'identity.user.change-password');

export const CreateApiKeyCommand = defineCommand<
  { user_id: string; name: string; scopes: ApiKeyScope[]; expires_at?: string },
  CreatedApiKey
>('identity', 'identity.api-key.create');

export const RevokeApiKeyCommand = defineCommand<{ user_id: string; key_id: string }, void>('identity', 'identity.api-key.revoke');

export const AdminUpdateUserCommand = defineCommand<{ actor_id: string; user_id: string; roles?: Role[]; disabled?: boolean }, UserView>(
  'identity',
  'identity.user.admin-update',
);

// Queries.

export const GetUserQuery = defineQuery<{ user_id: string }, UserView>('identity', 'identity.user.get');

export const ListUsersQuery = defineQuery<
  { page: number; page_size: number; email?: string; role?: Role; status?: UserStatus },
  { users: UserView[]; pagination: PageView }
>('identity', 'identity.user.list');

export const ListApiKeysQuery = defineQuery<{ user_id: string }, ApiKeyView[]>('identity', 'identity.api-key.list');

/** Checks an API key; the gateway caches the answer briefly and drops it on `identity.api-key.revoked`. */
export const VerifyApiKeyQuery = defineQuery<{ key: string }, { principal: AuthPrincipal; expires_at: string | null }>(
  'identity',
  'identity.api-key.verify',
);

// Integration events, published through the identity outbox.

export const UserRegisteredEvent = defineEvent<{ user_id: string; email: string; registered_at: string }>(
  'identity',
  'identity.user.registered',
);

export const UserDisabledEvent = defineEvent<{ user_id: string; disabled_at: string }>('identity', 'identity.user.disabled');

export const UserRolesChangedEvent = defineEvent<{ user_id: string; roles: Role[] }>('identity', 'identity.user.roles-changed');

/** Sessions ended (logout, reuse detection, disabled user): their access tokens must stop working. */
export const SessionsRevokedEvent = defineEvent<{ user_id: string; session_ids: string[]; revoked_at: string }>(
  'identity',
  'identity.session.revoked',
);

export const ApiKeyRevokedEvent = defineEvent<{ user_id: string; key_id: string; revoked_at: string }>(
  'identity',
  'identity.api-key.revoked',
);

import { createHmac, randomUUID } from 'node:crypto';
import {
  AdminUpdateUserCommand,
  ApiKeyRevokedEvent,
  ApplicationError,
  ChangePasswordCommand,
  CreateApiKeyCommand,
  GetUserQuery,
  IdentityErrorCode,
  ListApiKeysQuery,
  ListUsersQuery,
  LoginCommand,
  LogoutCommand,
  RefreshSessionCommand,
  RegisterUserCommand,
  RevokeApiKeyCommand,
  SessionsRevokedEvent,
  UpdateProfileCommand,
  UserDisabledEvent,
  UserRolesChangedEvent,
  VerifyApiKeyQuery,
  type ApiKeyScope,
  type ApiKeyView,
  type Role,
  type SessionTokens,
  type UserView,
} from '#contracts';
import { AccessTokenSigner, type AccessTokenSettings } from '#identity';
import type { MessageBus } from '#messaging';
import type { InProcessBackend } from './in-process-backend.js';

export const TEST_ACCESS_TOKENS: AccessTokenSettings = {
  secret: 'test-secret-of-the-gateway-access-tests-0123456789',
  issuer: 'voxify',
  audience: 'voxify-api',
  ttlSeconds: 900,
};

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export function userView(userId: string, roles: Role[] = ['user']): UserView {
  return {
    user_id: userId,
    email: `${userId}@example.com`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    roles,
    status: 'active',
    created_at: '2026-11-23T09:15:00.000Z',
    updated_at: '2026-11-23T09:15:00.000Z',
    last_login_at: null,
  };
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed as identity would, with claims overridden (e.g. `exp` in the past). */
export function forgeAccessToken(claims: Record<string, unknown>, options: { alg?: string; secret?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const body = {
    sub: 'usr_forged',
    email: 'forged@example.com',
    roles: ['user'],
    sid: `ses_${randomUUID().slice(0, 8)}`,
    jti: randomUUID(),
    typ: 'access',
    iss: TEST_ACCESS_TOKENS.issuer,
    aud: TEST_ACCESS_TOKENS.audience,
    iat: now,
    exp: now + 600,
    ...claims,
  };
  const unsigned = `${b64({ alg: options.alg ?? 'HS256', typ: 'JWT' })}.${b64(body)}`;
  if (options.alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', options.secret ?? TEST_ACCESS_TOKENS.secret)
    .update(unsigned)
    .digest('base64url')}`;
}

interface StoredApiKey {
  view: ApiKeyView;
  userId: string;
  roles: Role[];
}

/**
 * Stands in for the identity service on the in-process broker: answers the identity contract
 * messages from memory, records what it received, and publishes identity's events.
 */
export class FakeIdentityService {
  readonly received: Array<{ type: string; payload: unknown }> = [];
  private readonly signer = new AccessTokenSigner(TEST_ACCESS_TOKENS);
  private readonly apiKeys = new Map<string, StoredApiKey>();
  private readonly refreshTokens = new Map<string, { userId: string; roles: Role[]; sessionId: string }>();
  private bus!: MessageBus;

  static async start(backend: InProcessBackend): Promise<FakeIdentityService> {
    const identity = new FakeIdentityService();
    identity.bus = await backend.startService('identity', (bus) => identity.register(bus));
    return identity;
  }

  /** An access token for a session of this user, as a login would issue it. */
  issueAccessToken(userId: string, roles: Role[] = ['user'], sessionId = `ses_${randomUUID().slice(0, 8)}`): string {
    return this.signer.issue({ userId, email: `${userId}@example.com`, roles, sessionId }).token;
  }

  /** Creates a key directly (as POST /auth/api-keys would) and returns it. */
  addApiKey(userId: string, scopes: ApiKeyScope[], options: { roles?: Role[]; expiresAt?: string } = {}): { key: string; keyId: string } {
    const keyId = `key_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const key = `vx_${randomUUID().replaceAll('-', '')}`;
    const view: ApiKeyView = {
      key_id: keyId,
      name: 'test key',
      prefix: key.slice(0, 11),
      scopes,
      created_at: new Date().toISOString(),
      expires_at: options.expiresAt ?? null,
      last_used_at: null,
      revoked_at: null,
    };
    this.apiKeys.set(key, { view, userId, roles: options.roles ?? ['user'] });
    return { key, keyId };
  }

  /** How many times a message type arrived. */
  count(type: string): number {
    return this.received.filter((message) => message.type === type).length;
  }

  lastPayload<P>(definition: { type: string }): P {
    const found = this.received.filter((message) => message.type === definition.type).at(-1);
    if (!found) throw new Error(`identity received no ${definition.type}`);
    return found.payload as P;
  }

  async revokeApiKey(keyId: string): Promise<void> {
    for (const [key, stored] of this.apiKeys) if (stored.view.key_id === keyId) this.apiKeys.delete(key);
    await this.bus.publish(ApiKeyRevokedEvent, { user_id: 'usr_any', key_id: keyId, revoked_at: new Date().toISOString() });
  }

  async revokeSessions(userId: string, sessionIds: string[]): Promise<void> {
    await this.bus.publish(SessionsRevokedEvent, { user_id: userId, session_ids: sessionIds, revoked_at: new Date().toISOString() });
  }

  async disableUser(userId: string): Promise<void> {
    for (const [key, stored] of this.apiKeys) if (stored.userId === userId) this.apiKeys.delete(key);
    await this.bus.publish(UserDisabledEvent, { user_id: userId, disabled_at: new Date().toISOString() });
  }

  async changeRoles(userId: string, roles: Role[]): Promise<void> {
    await this.bus.publish(UserRolesChangedEvent, { user_id: userId, roles });
  }

  private register(bus: MessageBus): void {
    const record = <P>(type: string, payload: P): void => void this.received.push({ type, payload });

    bus.handle(VerifyApiKeyQuery, async (payload) => {
      record(VerifyApiKeyQuery.type, payload);
      const stored = this.apiKeys.get(payload.key);
      if (!stored) throw new ApplicationError(IdentityErrorCode.API_KEY_NOT_FOUND, 'No such API key');
      return {
        principal: {
          userId: stored.userId,
          email: `${stored.userId}@example.com`,
          roles: stored.roles,
          scopes: stored.view.scopes,
          keyId: stored.view.key_id,
        },
        expires_at: stored.view.expires_at,
      };
    });
    bus.handle(RegisterUserCommand, async (payload) => {
      record(RegisterUserCommand.type, payload);
      if (payload.email.startsWith('taken@')) throw new ApplicationError(IdentityErrorCode.USER_ALREADY_EXISTS, 'Email taken');
      return { ...userView('usr_registered'), email: payload.email, first_name: payload.first_name, last_name: payload.last_name };
    });
    bus.handle(LoginCommand, async (payload) => {
      record(LoginCommand.type, payload);
      if (payload.password !== TEST_PASSWORD) throw new ApplicationError(IdentityErrorCode.INVALID_CREDENTIALS, 'Wrong email or password');
      return this.openSession('usr_login', ['user']);
    });
    bus.handle(RefreshSessionCommand, async (payload) => {
      record(RefreshSessionCommand.type, payload);
      const session = this.refreshTokens.get(payload.refresh_token);
      if (!session) throw new ApplicationError(IdentityErrorCode.TOKEN_INVALID, 'Unknown refresh token');
      this.refreshTokens.delete(payload.refresh_token);
      return this.openSession(session.userId, session.roles, session.sessionId);
    });
    bus.handle(LogoutCommand, async (payload) => {
      record(LogoutCommand.type, payload);
      return { revoked_sessions: payload.everywhere ? 3 : 1 };
    });
    bus.handle(GetUserQuery, async (payload) => {
      record(GetUserQuery.type, payload);
      return userView(payload.user_id);
    });
    bus.handle(UpdateProfileCommand, async (payload) => {
      record(UpdateProfileCommand.type, payload);
      return { ...userView(payload.user_id), ...(payload.first_name ? { first_name: payload.first_name } : {}) };
    });
    bus.handle(ChangePasswordCommand, async (payload) => {
      record(ChangePasswordCommand.type, payload);
      if (payload.current_password !== TEST_PASSWORD) throw new ApplicationError(IdentityErrorCode.INVALID_CREDENTIALS, 'Wrong password');
    });
    bus.handle(CreateApiKeyCommand, async (payload) => {
      record(CreateApiKeyCommand.type, payload);
      const { key } = this.addApiKey(payload.user_id, payload.scopes, { expiresAt: payload.expires_at });
      return { api_key: this.apiKeys.get(key)!.view, key };
    });
    bus.handle(ListApiKeysQuery, async (payload) => {
      record(ListApiKeysQuery.type, payload);
      return [...this.apiKeys.values()].filter((stored) => stored.userId === payload.user_id).map((stored) => stored.view);
    });
    bus.handle(RevokeApiKeyCommand, async (payload) => {
      record(RevokeApiKeyCommand.type, payload);
      const owned = [...this.apiKeys.values()].some((stored) => stored.view.key_id === payload.key_id && stored.userId === payload.user_id);
      if (!owned) throw new ApplicationError(IdentityErrorCode.API_KEY_NOT_FOUND, 'No such API key');
      await this.revokeApiKey(payload.key_id);
    });
    bus.handle(ListUsersQuery, async (payload) => {
      record(ListUsersQuery.type, payload);
      return {
        users: [userView('usr_1'), userView('usr_2', ['user', 'admin'])],
        pagination: { page: payload.page, page_size: payload.page_size, total_count: 2, total_pages: 1, has_next: false, has_prev: false },
      };
    });
    bus.handle(AdminUpdateUserCommand, async (payload) => {
      record(AdminUpdateUserCommand.type, payload);
      return { ...userView(payload.user_id, payload.roles), status: payload.disabled ? 'disabled' : 'active' };
    });
  }

  private openSession(userId: string, roles: Role[], sessionId = `ses_${randomUUID().slice(0, 8)}`): SessionTokens {
    const refreshToken = `rt_${randomUUID().replaceAll('-', '')}`;
    this.refreshTokens.set(refreshToken, { userId, roles, sessionId });
    return {
      access_token: this.issueAccessToken(userId, roles, sessionId),
      token_type: 'Bearer',
      expires_in: TEST_ACCESS_TOKENS.ttlSeconds,
      refresh_token: refreshToken,
      refresh_expires_in: 30 * 24 * 3600,
      user: userView(userId, roles),
    };
  }
}

import {
  AdminUpdateUserCommand,
  ApiKeyRevokedEvent,
  CreateApiKeyCommand,
  ErrorCode,
  IdentityErrorCode,
  ListApiKeysQuery,
  RevokeApiKeyCommand,
  VerifyApiKeyQuery,
  type ApiKeyScope,
} from '#contracts';
import { waitFor } from '#test-support';
import { startIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { errorCodeOf, login, register, uniqueEmail } from '../testing/identity-fixtures.js';

const ADMIN = { email: uniqueEmail('root'), password: 'Admin-password-1' };

describe('API keys (identity handlers on real PostgreSQL and the in-process bus)', () => {
  let app: IdentityTestApp;
  let adminId: string;

  beforeAll(async () => {
    app = await startIdentityTestApp({ admin: ADMIN });
    adminId = (await login(app, ADMIN.email, ADMIN.password)).user.user_id;
  });

  afterAll(async () => {
    await app.close();
  });

  const create = (user_id: string, overrides: { scopes?: ApiKeyScope[]; expires_at?: string } = {}) =>
    app.caller.send(CreateApiKeyCommand, { user_id, name: 'ci', scopes: ['tts', 'jobs'], ...overrides });
  const verify = (key: string) => app.caller.query(VerifyApiKeyQuery, { key });

  it('creates a key shown once, lists it without the secret, and verifies it to the owner’s principal', async () => {
    const user = await register(app);

    const created = await app.caller.send(CreateApiKeyCommand, {
      user_id: user.user_id,
      name: ' deploy bot ',
      scopes: ['jobs', 'tts', 'jobs'],
    });

    expect(created.key).toMatch(/^vx_[A-Za-z0-9_-]{43}$/);
    expect(created.api_key).toMatchObject({
      key_id: expect.stringMatching(/^key_/),
      name: 'deploy bot',
      prefix: created.key.slice(0, 11),
      scopes: ['tts', 'jobs'],
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
    });
    const listed = await app.caller.query(ListApiKeysQuery, { user_id: user.user_id });
    expect(listed).toEqual([created.api_key]);
    expect(JSON.stringify(listed)).not.toContain(created.key);

    await expect(verify(created.key)).resolves.toEqual({
      principal: { userId: user.user_id, email: user.email, roles: ['user'], scopes: ['tts', 'jobs'], keyId: created.api_key.key_id },
      expires_at: null,
    });
  });

  it('refuses unknown scopes, an empty list, and the admin scope for a non-admin (INVALID_SCOPES)', async () => {
    const user = await register(app);

    expect(await errorCodeOf(app.caller.send(CreateApiKeyCommand, { user_id: user.user_id, name: 'x', scopes: [] }))).toBe(
      IdentityErrorCode.INVALID_SCOPES,
    );
    expect(await errorCodeOf(create(user.user_id, { scopes: ['tts', 'root'] as unknown as ApiKeyScope[] }))).toBe(
      IdentityErrorCode.INVALID_SCOPES,
    );
    expect(await errorCodeOf(app.caller.send(CreateApiKeyCommand, { user_id: user.user_id, name: 'x', scopes: ['admin'] }))).toBe(
      IdentityErrorCode.INVALID_SCOPES,
    );
    await expect(app.caller.send(CreateApiKeyCommand, { user_id: adminId, name: 'ops', scopes: ['admin'] })).resolves.toMatchObject({
      api_key: { scopes: ['admin'] },
    });
  });

  it('takes an expiry in the future only, and stops verifying the key once it has passed', async () => {
    const user = await register(app);
    expect(await errorCodeOf(create(user.user_id, { expires_at: new Date(Date.now() - 1000).toISOString() }))).toBe(
      ErrorCode.VALIDATION_ERROR,
    );
    expect(await errorCodeOf(create(user.user_id, { expires_at: 'tomorrow' }))).toBe(ErrorCode.VALIDATION_ERROR);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await create(user.user_id, { expires_at: expiresAt });

    await expect(verify(created.key)).resolves.toMatchObject({ expires_at: expiresAt });
    app.clock.advance(3_601_000);
    try {
      expect(await errorCodeOf(verify(created.key))).toBe(IdentityErrorCode.TOKEN_INVALID);
    } finally {
      app.clock.advance(-3_601_000);
    }
  });

  it('revokes a key: the event is published and the key no longer verifies', async () => {
    const user = await register(app);
    const created = await create(user.user_id);

    await app.caller.send(RevokeApiKeyCommand, { user_id: user.user_id, key_id: created.api_key.key_id });

    expect(await errorCodeOf(verify(created.key))).toBe(IdentityErrorCode.TOKEN_INVALID);
    const [listed] = await app.caller.query(ListApiKeysQuery, { user_id: user.user_id });
    expect(listed?.revoked_at).not.toBeNull();
    const event = await waitFor('the revocation event', async () =>
      app.eventsOf(ApiKeyRevokedEvent).find((revoked) => revoked.key_id === created.api_key.key_id),
    );
    expect(event).toEqual({ user_id: user.user_id, key_id: created.api_key.key_id, revoked_at: listed?.revoked_at });
    // Revoking again is harmless.
    await expect(app.caller.send(RevokeApiKeyCommand, { user_id: user.user_id, key_id: created.api_key.key_id })).resolves.toBeUndefined();
  });

  it('hides other users’ keys: revoking one is API_KEY_NOT_FOUND and leaves it working', async () => {
    const owner = await register(app);
    const other = await register(app);
    const created = await create(owner.user_id);

    expect(await errorCodeOf(app.caller.send(RevokeApiKeyCommand, { user_id: other.user_id, key_id: created.api_key.key_id }))).toBe(
      IdentityErrorCode.API_KEY_NOT_FOUND,
    );
    await expect(app.caller.query(ListApiKeysQuery, { user_id: other.user_id })).resolves.toEqual([]);
    await expect(verify(created.key)).resolves.toBeDefined();
  });

  it('refuses unknown and malformed keys, and keys of disabled users', async () => {
    const user = await register(app);
    const created = await create(user.user_id);

    expect(await errorCodeOf(verify(`vx_${'B'.repeat(43)}`))).toBe(IdentityErrorCode.TOKEN_INVALID);
    expect(await errorCodeOf(verify('Bearer something'))).toBe(IdentityErrorCode.TOKEN_INVALID);

    await app.caller.send(AdminUpdateUserCommand, { actor_id: adminId, user_id: user.user_id, disabled: true });
    expect(await errorCodeOf(verify(created.key))).toBe(IdentityErrorCode.ACCOUNT_DISABLED);
  });

  it('drops the admin scope from the principal when the owner is no longer an admin', async () => {
    const user = await register(app);
    await app.caller.send(AdminUpdateUserCommand, { actor_id: adminId, user_id: user.user_id, roles: ['user', 'admin'] });
    const created = await create(user.user_id, { scopes: ['admin', 'tts'] });
    await expect(verify(created.key)).resolves.toMatchObject({ principal: { roles: ['user', 'admin'], scopes: ['tts', 'admin'] } });

    await app.caller.send(AdminUpdateUserCommand, { actor_id: adminId, user_id: user.user_id, roles: ['user'] });

    await expect(verify(created.key)).resolves.toMatchObject({ principal: { roles: ['user'], scopes: ['tts'] } });
  });

  it('writes last_used_at on the first use and then at most once a minute', async () => {
    const user = await register(app);
    const created = await create(user.user_id);
    const lastUsed = async () => (await app.caller.query(ListApiKeysQuery, { user_id: user.user_id }))[0]?.last_used_at;

    await verify(created.key);
    const first = await lastUsed();
    expect(first).not.toBeNull();

    app.clock.advance(30_000);
    await verify(created.key);
    expect(await lastUsed()).toBe(first);

    app.clock.advance(31_000);
    await verify(created.key);
    const later = await lastUsed();
    app.clock.advance(-61_000);
    expect(new Date(later!).getTime() - new Date(first!).getTime()).toBeGreaterThanOrEqual(61_000);
  });
});

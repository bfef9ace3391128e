import {
  AdminUpdateUserCommand,
  ChangePasswordCommand,
  CreateApiKeyCommand,
  ListUsersQuery,
  LoginCommand,
  LogoutCommand,
  RefreshSessionCommand,
  RegisterUserCommand,
  UpdateProfileCommand,
} from '#contracts';
import { createAccessTestGateway, type AccessTestGateway } from '../testing/create-access-test-gateway.js';
import { FakeIdentityService, TEST_PASSWORD } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';

const registration = { email: 'ada@example.com', password: TEST_PASSWORD, first_name: 'Ada', last_name: 'Lovelace' };

describe('identity routes', () => {
  let backend: InProcessBackend;
  let identity: FakeIdentityService;
  let gateway: AccessTestGateway;
  const asUser = (userId = 'usr_me') => ({ authorization: `Bearer ${identity.issueAccessToken(userId, ['user'], `ses_of_${userId}`)}` });
  const asAdmin = () => ({ authorization: `Bearer ${identity.issueAccessToken('usr_boss', ['user', 'admin'])}` });

  beforeEach(async () => {
    backend = new InProcessBackend();
    identity = await FakeIdentityService.start(backend);
    gateway = await createAccessTestGateway({ backend, docsEnabled: true });
  });

  afterEach(async () => {
    await gateway.close();
    await backend.close();
  });

  describe('POST /auth/register', () => {
    it('answers 201 with the user and the registration message', async () => {
      const response = await gateway.http.post('/api/v1/auth/register', { json: registration });

      expect(response.status).toBe(201);
      expect(response.json()).toMatchObject({ success: true, message: 'User registration successful', data: { email: 'ada@example.com' } });
      expect(identity.lastPayload(RegisterUserCommand)).toEqual(registration);
    });

    it('refuses roles in the body with 400, without reaching identity', async () => {
      const response = await gateway.http.post('/api/v1/auth/register', { json: { ...registration, roles: ['admin'] } });

      expect(response.status).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'roles' }] });
      expect(identity.count(RegisterUserCommand.type)).toBe(0);
    });

    it.each([
      ['a malformed email', { email: 'not-an-email' }, 'email'],
      ['a password over 256 characters', { password: 'p'.repeat(257) }, 'password'],
      ['an empty first name', { first_name: '' }, 'first_name'],
      ['a last name over 100 characters', { last_name: 'l'.repeat(101) }, 'last_name'],
    ])('refuses %s', async (_what, change, field) => {
      const response = await gateway.http.post('/api/v1/auth/register', { json: { ...registration, ...change } });

      expect(response.status).toBe(400);
      expect(response.json().error.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
    });

    it('maps USER_ALREADY_EXISTS to 409', async () => {
      const response = await gateway.http.post('/api/v1/auth/register', { json: { ...registration, email: 'taken@example.com' } });

      expect(response.status).toBe(409);
      expect(response.json().error.code).toBe('USER_ALREADY_EXISTS');
    });
  });

  describe('sessions', () => {
    it('logs in with the client address and user agent, and answers 401 INVALID_CREDENTIALS for a wrong password', async () => {
      const ok = await gateway.http.post('/api/v1/auth/login', {
        json: { email: 'ada@example.com', password: TEST_PASSWORD },
        headers: { 'user-agent': 'voxify-tests/1.0' },
      });
      const wrong = await gateway.http.post('/api/v1/auth/login', { json: { email: 'ada@example.com', password: 'nope-nope-nope' } });

      expect(ok.status).toBe(200);
      expect(ok.json().data).toMatchObject({ token_type: 'Bearer', expires_in: 900, user: { user_id: 'usr_login' } });
      expect(identity.received.find((message) => message.type === LoginCommand.type)?.payload).toEqual({
        email: 'ada@example.com',
        password: TEST_PASSWORD,
        client: { ip: '127.0.0.1', user_agent: 'voxify-tests/1.0' },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    });

    it('refreshes with the token in the body or as a bearer token', async () => {
      const login = (await gateway.http.post('/api/v1/auth/login', { json: { email: 'ada@example.com', password: TEST_PASSWORD } })).json()
        .data;

      const viaBody = await gateway.http.post('/api/v1/auth/refresh', { json: { refresh_token: login.refresh_token } });
      const rotated = viaBody.json().data.refresh_token;
      const viaHeader = await gateway.http.post('/api/v1/auth/refresh', { headers: { authorization: `Bearer ${rotated}` } });
      const reused = await gateway.http.post('/api/v1/auth/refresh', { json: { refresh_token: login.refresh_token } });
      const missing = await gateway.http.post('/api/v1/auth/refresh', { json: {} });

      expect(viaBody.status).toBe(200);
      expect(viaHeader.status).toBe(200);
      expect(identity.lastPayload<{ refresh_token: string }>(RefreshSessionCommand).refresh_token).toBe(login.refresh_token);
      expect(reused.status).toBe(401);
      expect(missing.status).toBe(401);
      expect(missing.json().error.code).toBe('UNAUTHENTICATED');
    });

    it("logs out the access token's session, which this replica refuses at once", async () => {
      const headers = asUser('usr_leaving');

      const response = await gateway.http.post('/api/v1/auth/logout', { headers, json: {} });
      const after = await gateway.http.get('/api/v1/auth/token-info', { headers });

      expect(response.status).toBe(200);
      expect(response.json().data).toEqual({ revoked_sessions: 1 });
      expect(identity.lastPayload(LogoutCommand)).toEqual({ user_id: 'usr_leaving', session_id: 'ses_of_usr_leaving' });
      expect(after.status).toBe(401);
    });

    it('logs out everywhere, or the session of a given refresh token', async () => {
      await gateway.http.post('/api/v1/auth/logout', { headers: asUser('usr_a'), json: { everywhere: true } });
      expect(identity.lastPayload(LogoutCommand)).toEqual({ user_id: 'usr_a', everywhere: true });

      await gateway.http.post('/api/v1/auth/logout', { headers: asUser('usr_b'), json: { refresh_token: 'rt_given' } });
      expect(identity.lastPayload(LogoutCommand)).toEqual({ user_id: 'usr_b', refresh_token: 'rt_given' });
    });

    it('needs credentials to log out', async () => {
      expect((await gateway.http.post('/api/v1/auth/logout', { json: {} })).status).toBe(401);
    });
  });

  describe('API keys', () => {
    it('creates a key that works at once, lists it without the secret, and revokes it', async () => {
      const headers = asUser('usr_keys');

      const created = await gateway.http.post('/api/v1/auth/api-keys', { headers, json: { name: 'CI', scopes: ['tts'] } });
      const { key, api_key: view } = created.json().data;
      const used = await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': key } });
      const listed = await gateway.http.get('/api/v1/auth/api-keys', { headers });
      const revoked = await gateway.http.delete(`/api/v1/auth/api-keys/${view.key_id}`, { headers });
      const afterRevocation = await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': key } });

      expect(created.status).toBe(201);
      expect(identity.lastPayload(CreateApiKeyCommand)).toEqual({ user_id: 'usr_keys', name: 'CI', scopes: ['tts'] });
      expect(used.json().data.principal.key_id).toBe(view.key_id);
      expect(listed.json().data).toEqual([view]);
      expect(listed.text).not.toContain(key);
      expect(revoked.status).toBe(200);
      expect(revoked.json()).toEqual({ success: true, data: null, message: 'API key revoked' });
      expect(afterRevocation.status).toBe(401);
    });

    it('refuses unknown scopes with 400 and scopes beyond the caller with 403', async () => {
      const unknown = await gateway.http.post('/api/v1/auth/api-keys', { headers: asUser(), json: { name: 'x', scopes: ['root'] } });
      const beyond = await gateway.http.post('/api/v1/auth/api-keys', { headers: asUser(), json: { name: 'x', scopes: ['admin'] } });

      expect(unknown.status).toBe(400);
      expect(beyond.status).toBe(403);
      expect(identity.count(CreateApiKeyCommand.type)).toBe(0);
    });
  });

  describe('users/me', () => {
    it('reads and updates the calling user and changes the password', async () => {
      const headers = asUser('usr_self');

      const me = await gateway.http.get('/api/v1/users/me', { headers });
      const updated = await gateway.http.patch('/api/v1/users/me', { headers, json: { first_name: 'Augusta' } });
      const changed = await gateway.http.post('/api/v1/users/me/password', {
        headers,
        json: { current_password: TEST_PASSWORD, new_password: 'a-new-and-longer-passphrase' },
      });
      const wrong = await gateway.http.post('/api/v1/users/me/password', {
        headers,
        json: { current_password: 'not-it-at-all', new_password: 'a-new-and-longer-passphrase' },
      });

      expect(me.json().data.user_id).toBe('usr_self');
      expect(updated.json().data.first_name).toBe('Augusta');
      expect(identity.lastPayload(UpdateProfileCommand)).toEqual({ user_id: 'usr_self', first_name: 'Augusta' });
      expect(changed.json()).toEqual({ success: true, data: null, message: 'Password changed' });
      expect(identity.lastPayload<{ user_id: string }>(ChangePasswordCommand).user_id).toBe('usr_self');
      expect(wrong.status).toBe(401);
    });
  });

  describe('admin', () => {
    it('lists users with the filters and pagination, for admins only', async () => {
      const forbidden = await gateway.http.get('/api/v1/admin/users', { headers: asUser() });
      const listed = await gateway.http.get('/api/v1/admin/users?page=2&page_size=5&email=example&role=admin&status=active', {
        headers: asAdmin(),
      });
      const badFilter = await gateway.http.get('/api/v1/admin/users?role=root', { headers: asAdmin() });

      expect(forbidden.status).toBe(403);
      expect(forbidden.json().error.code).toBe('PERMISSION_DENIED');
      expect(listed.status).toBe(200);
      expect(listed.json().data.users).toHaveLength(2);
      expect(identity.lastPayload(ListUsersQuery)).toEqual({ page: 2, page_size: 5, email: 'example', role: 'admin', status: 'active' });
      expect(badFilter.status).toBe(400);
    });

    it('changes roles and disables users as the acting admin', async () => {
      const response = await gateway.http.patch('/api/v1/admin/users/usr_target', {
        headers: asAdmin(),
        json: { roles: ['user', 'admin'], disabled: true },
      });

      expect(response.status).toBe(200);
      expect(identity.lastPayload(AdminUpdateUserCommand)).toEqual({
        actor_id: 'usr_boss',
        user_id: 'usr_target',
        roles: ['user', 'admin'],
        disabled: true,
      });
    });
  });

  it('documents the routes with their security schemes, bodies and error codes', async () => {
    const document = (await gateway.http.get('/docs-json')).json();

    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
    const register = document.paths['/api/v1/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/RegisterUserDto');
    expect(register.responses['201']).toBeDefined();
    expect(register.responses['409'].content['application/json'].schema.properties.error.properties.code.enum).toEqual([
      'USER_ALREADY_EXISTS',
    ]);
    const tokenInfo = document.paths['/api/v1/auth/token-info'].get;
    expect(tokenInfo.security).toEqual(expect.arrayContaining([{ bearer: [] }, { 'api-key': [] }]));
    expect(tokenInfo.responses['401'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining(['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED']),
    );
    expect(document.paths['/api/v1/admin/users'].get.responses['403']).toBeDefined();
    expect(document.paths['/api/v1/admin/users/{user_id}'].patch).toBeDefined();
    expect(document.paths['/api/v1/auth/api-keys/{key_id}'].delete).toBeDefined();
    expect(document.components.schemas.SessionTokensDto.properties.access_token.example).toBeDefined();
  });
});

import { VerifyApiKeyQuery } from '#contracts';
import { createAccessTestGateway, type AccessTestGateway } from '../testing/create-access-test-gateway.js';
import { FakeIdentityService, forgeAccessToken } from '../testing/fake-identity.service.js';
import { eventually } from '../testing/eventually.js';
import { InProcessBackend } from '../testing/in-process-backend.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('gateway access guard', () => {
  let backend: InProcessBackend;
  let identity: FakeIdentityService;
  let gateways: AccessTestGateway[];
  let gateway: AccessTestGateway;

  beforeEach(async () => {
    backend = new InProcessBackend();
    identity = await FakeIdentityService.start(backend);
    gateways = [await createAccessTestGateway({ backend }), await createAccessTestGateway({ backend })];
    gateway = gateways[0]!;
  });

  afterEach(async () => {
    for (const replica of gateways) await replica.close();
    await backend.close();
  });

  describe('access tokens', () => {
    it('lets a valid token through and attaches the principal, with every scope its roles allow', async () => {
      const token = identity.issueAccessToken('usr_ada', ['user'], 'ses_ada');

      const response = await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(token) });

      expect(response.status).toBe(200);
      expect(response.json().data).toEqual({
        credential: 'access_token',
        principal: {
          user_id: 'usr_ada',
          email: 'usr_ada@example.com',
          roles: ['user'],
          scopes: ['tts', 'voices', 'jobs', 'files'],
          session_id: 'ses_ada',
        },
        expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });

    it('answers 401 UNAUTHENTICATED without credentials', async () => {
      const response = await gateway.http.get('/api/v1/auth/token-info');

      expect(response.status).toBe(401);
      expect(response.json()).toEqual({ success: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    });

    it('answers 401 TOKEN_EXPIRED for an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = forgeAccessToken({ iat: now - 1000, exp: now - 60 });

      const response = await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(expired) });

      expect(response.status).toBe(401);
      expect(response.json().error.code).toBe('TOKEN_EXPIRED');
    });

    it.each([
      ['tampered', () => tamper(identity.issueAccessToken('usr_ada'))],
      ['alg none', () => forgeAccessToken({ roles: ['admin'] }, { alg: 'none' })],
      ['signed with another secret', () => forgeAccessToken({}, { secret: 'x'.repeat(48) })],
      ['for another audience', () => forgeAccessToken({ aud: 'someone-else' })],
      ['not a JWT', () => 'garbage'],
    ])('answers 401 TOKEN_INVALID for a token %s', async (_what, token) => {
      const response = await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(token()) });

      expect(response.status).toBe(401);
      expect(response.json().error.code).toBe('TOKEN_INVALID');
    });

    it('answers 401 TOKEN_INVALID for another authorization scheme', async () => {
      const response = await gateway.http.get('/api/v1/auth/token-info', { headers: { authorization: 'Basic YWRhOnB3' } });

      expect(response.status).toBe(401);
      expect(response.json().error.code).toBe('TOKEN_INVALID');
    });
  });

  describe('API keys', () => {
    it('accepts a key in X-API-Key and as a bearer token, asking identity once while cached', async () => {
      const { key, keyId } = identity.addApiKey('usr_ada', ['tts']);

      const viaHeader = await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': key } });
      const viaBearer = await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(key) });

      for (const response of [viaHeader, viaBearer]) {
        expect(response.status).toBe(200);
        expect(response.json().data).toMatchObject({
          credential: 'api_key',
          principal: { user_id: 'usr_ada', key_id: keyId, scopes: ['tts'] },
        });
      }
      expect(identity.count(VerifyApiKeyQuery.type)).toBe(1);
    });

    it('refuses an unknown key with 401 TOKEN_INVALID, and remembers the refusal', async () => {
      const unknown = { 'x-api-key': 'vx_not-a-real-key' };

      const first = await gateway.http.get('/api/v1/auth/token-info', { headers: unknown });
      const second = await gateway.http.get('/api/v1/auth/token-info', { headers: unknown });

      expect([first.status, second.status]).toEqual([401, 401]);
      expect(first.json().error.code).toBe('TOKEN_INVALID');
      expect(identity.count(VerifyApiKeyQuery.type)).toBe(1);
    });

    it('refuses a value without the vx_ prefix in X-API-Key without asking identity', async () => {
      const response = await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': 'sk_live_123' } });

      expect(response.status).toBe(401);
      expect(identity.count(VerifyApiKeyQuery.type)).toBe(0);
    });

    it('refuses a cached key on every replica within a second of its revocation event', async () => {
      const { key, keyId } = identity.addApiKey('usr_ada', ['tts']);
      for (const replica of gateways) {
        expect((await replica.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': key } })).status).toBe(200);
      }

      await identity.revokeApiKey(keyId);
      const revokedAt = Date.now();

      for (const replica of gateways) {
        await eventually(
          'the revoked key to be refused',
          async () => (await replica.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': key } })).status === 401,
          1000,
        );
      }
      expect(Date.now() - revokedAt).toBeLessThan(1000);
    });
  });

  describe('revocation events', () => {
    it('refuses the tokens of a revoked session on every replica, and not those of other sessions', async () => {
      const revoked = identity.issueAccessToken('usr_ada', ['user'], 'ses_gone');
      const kept = identity.issueAccessToken('usr_ada', ['user'], 'ses_kept');

      await identity.revokeSessions('usr_ada', ['ses_gone']);

      for (const replica of gateways) {
        await eventually(
          'the session to be refused',
          async () => (await replica.http.get('/api/v1/auth/token-info', { headers: bearer(revoked) })).status === 401,
          1000,
        );
        const refused = await replica.http.get('/api/v1/auth/token-info', { headers: bearer(revoked) });
        expect(refused.json().error.code).toBe('TOKEN_INVALID');
        expect((await replica.http.get('/api/v1/auth/token-info', { headers: bearer(kept) })).status).toBe(200);
      }
    });

    it('answers TOKEN_EXPIRED for a token issued before a role change, so the client refreshes', async () => {
      const now = Math.floor(Date.now() / 1000);
      const before = forgeAccessToken({ sub: 'usr_promoted', iat: now - 5 });

      await identity.changeRoles('usr_promoted', ['user', 'admin']);

      await eventually(
        'the old token to be refused',
        async () => (await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(before) })).status === 401,
        1000,
      );
      const refused = await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(before) });
      expect(refused.json().error.code).toBe('TOKEN_EXPIRED');
      const refreshed = identity.issueAccessToken('usr_promoted', ['user', 'admin']);
      expect((await gateway.http.get('/api/v1/access-samples/admin', { headers: bearer(refreshed) })).status).toBe(200);
    });

    it('answers TOKEN_INVALID for the tokens and API keys of a disabled user', async () => {
      const token = identity.issueAccessToken('usr_gone');
      const { key } = identity.addApiKey('usr_gone', ['tts']);
      expect((await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': key } })).status).toBe(200);

      await identity.disableUser('usr_gone');

      await eventually(
        'the token to be refused',
        async () => (await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(token) })).status === 401,
        1000,
      );
      expect((await gateway.http.get('/api/v1/auth/token-info', { headers: bearer(token) })).json().error.code).toBe('TOKEN_INVALID');
      const keyResponse = await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': key } });
      expect(keyResponse.status).toBe(401);
      expect(identity.count(VerifyApiKeyQuery.type)).toBe(2);
    });
  });

  describe('roles and scopes', () => {
    it('answers 403 PERMISSION_DENIED to a user on an admin route, and lets an admin in', async () => {
      const user = await gateway.http.get('/api/v1/access-samples/admin', { headers: bearer(identity.issueAccessToken('usr_u')) });
      const admin = await gateway.http.get('/api/v1/access-samples/admin', {
        headers: bearer(identity.issueAccessToken('usr_a', ['user', 'admin'])),
      });

      expect(user.status).toBe(403);
      expect(user.json().error.code).toBe('PERMISSION_DENIED');
      expect(admin.status).toBe(200);
    });

    it('checks the scopes of an API key', async () => {
      const voicesOnly = identity.addApiKey('usr_k', ['voices']).key;
      const tts = identity.addApiKey('usr_k', ['tts']).key;

      const refused = await gateway.http.get('/api/v1/access-samples/tts', { headers: { 'x-api-key': voicesOnly } });
      const allowed = await gateway.http.get('/api/v1/access-samples/tts', { headers: { 'x-api-key': tts } });

      expect(refused.status).toBe(403);
      expect(refused.json().error.code).toBe('PERMISSION_DENIED');
      expect(allowed.status).toBe(200);
    });

    it('keeps admin routes closed to an admin API key without the admin scope', async () => {
      const { key } = identity.addApiKey('usr_a', ['tts'], { roles: ['user', 'admin'] });

      const response = await gateway.http.get('/api/v1/admin/users', { headers: { 'x-api-key': key } });

      expect(response.status).toBe(403);
    });
  });

  describe('public routes', () => {
    it.each(['/api/v1/access-samples/open', '/health/live', '/health/ready'])('serves %s without credentials', async (path) => {
      const response = await gateway.http.get(path);

      expect(response.status).toBe(200);
    });

    it('ignores bad credentials on a public route', async () => {
      const response = await gateway.http.get('/api/v1/access-samples/open', { headers: bearer('garbage') });

      expect(response.status).toBe(200);
    });
  });
});

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
  return `${header}.${elevated}.${signature}`;
}

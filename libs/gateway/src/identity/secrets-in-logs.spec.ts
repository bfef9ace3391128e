import { Writable } from 'node:stream';
import { createLogger, NestPinoLogger } from '#service-runtime';
import { createAccessTestGateway, type AccessTestGateway } from '../testing/create-access-test-gateway.js';
import { FakeIdentityService, TEST_PASSWORD } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';

describe('secrets in the gateway logs', () => {
  let backend: InProcessBackend;
  let gateway: AccessTestGateway;
  let logged: string;

  beforeEach(async () => {
    logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const logger = createLogger('api-gateway', 'trace', sink);
    backend = new InProcessBackend();
    await FakeIdentityService.start(backend);
    gateway = await createAccessTestGateway({ backend, logger: new NestPinoLogger(logger), busLogger: logger });
  });

  afterEach(async () => {
    await gateway.close();
    await backend.close();
  });

  it('never contain a password, a refresh token, an access token or an API key', async () => {
    const newPassword = 'a-brand-new-secret-passphrase';
    const json = (body: object) => ({ json: body, headers: { 'user-agent': 'log-test' } });
    await gateway.http.post(
      '/api/v1/auth/register',
      json({ email: 'ada@example.com', password: TEST_PASSWORD, first_name: 'A', last_name: 'L' }),
    );
    await gateway.http.post(
      '/api/v1/auth/register',
      json({ email: 'ada@example.com', password: TEST_PASSWORD, first_name: 'A', last_name: 'L', roles: ['admin'] }),
    );
    await gateway.http.post('/api/v1/auth/login', json({ email: 'ada@example.com', password: 'wrong-password-attempt' }));
    const session = (await gateway.http.post('/api/v1/auth/login', json({ email: 'ada@example.com', password: TEST_PASSWORD }))).json()
      .data;
    const refreshed = (await gateway.http.post('/api/v1/auth/refresh', json({ refresh_token: session.refresh_token }))).json().data;
    await gateway.http.post('/api/v1/auth/refresh', json({ refresh_token: session.refresh_token }));
    const headers = { authorization: `Bearer ${refreshed.access_token}` };
    await gateway.http.post('/api/v1/users/me/password', { headers, json: { current_password: TEST_PASSWORD, new_password: newPassword } });
    const created = (await gateway.http.post('/api/v1/auth/api-keys', { headers, json: { name: 'logs', scopes: ['tts'] } })).json().data;
    await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': created.key } });
    await gateway.http.get('/api/v1/auth/token-info', { headers: { 'x-api-key': `${created.key}tampered` } });
    await gateway.http.post('/api/v1/auth/login', {
      body: `{"email":"ada@example.com","password":"${TEST_PASSWORD}"`,
      headers: { 'content-type': 'application/json' },
    });
    await gateway.http.post('/api/v1/auth/logout', { headers, json: { refresh_token: refreshed.refresh_token } });

    expect(logged).toContain('Mapped {/api/v1/auth/login, POST}');
    for (const secret of [
      TEST_PASSWORD,
      newPassword,
      session.refresh_token,
      refreshed.refresh_token,
      refreshed.access_token,
      created.key,
    ]) {
      expect(typeof secret).toBe('string');
      expect(logged).not.toContain(secret);
    }
  });
});

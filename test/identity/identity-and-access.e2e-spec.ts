import { createHmac, randomUUID } from 'node:crypto';
import type { CreatedApiKey, SessionTokens, UserView } from '#contracts';
import {
  ApiClient,
  AppProcess,
  appEntry,
  createTestDatabase,
  createTestVhost,
  freePort,
  waitFor,
  type ApiResponse,
  testFileSettings,
} from '#test-support';

/**
 * Identity and access end to end, as deployed: the identity service and TWO gateway replicas, each
 * its own process, on the real PostgreSQL, RabbitMQ and Redis. Every step goes over HTTP.
 */
const JWT_SECRET = `e2e-${randomUUID()}-${randomUUID()}`;
const ADMIN = { email: 'root@voxify.test', password: 'Admin-password-42' };
const PASSWORD = 'correct horse battery staple';

describe('identity and access (identity + two gateway replicas)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let vhost: Awaited<ReturnType<typeof createTestVhost>>;
  const processes: AppProcess[] = [];
  let a: ApiClient;
  let b: ApiClient;

  beforeAll(async () => {
    [database, vhost] = await Promise.all([createTestDatabase('voxify_identity_e2e'), createTestVhost('voxify-identity-e2e')]);
    const common = {
      AMQP_URL: vhost.url,
      JWT_SECRET,
      ...testFileSettings(),
      LOG_LEVEL: 'debug',
      SHUTDOWN_GRACE_MS: '2000',
    };
    const identityPort = await freePort();
    processes.push(
      new AppProcess('identity', appEntry('identity'), {
        ...common,
        DATABASE_URL: database.url,
        PORT: String(identityPort),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      }).start(),
    );
    const gatewayEnv = {
      ...common,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `voxify-e2e:${randomUUID()}:`,
      // Each scenario below comes from its own client address (X-Forwarded-For), as behind a proxy.
      TRUST_PROXY: 'true',
      GRPC_PORT: '0',
    };
    const urls: string[] = [];
    for (const name of ['gateway-a', 'gateway-b']) {
      const port = await freePort();
      processes.push(new AppProcess(name, appEntry('api-gateway'), { ...gatewayEnv, PORT: String(port) }).start());
      urls.push(`http://127.0.0.1:${port}/api/v1`);
    }
    [a, b] = urls.map((url) => new ApiClient(url)) as [ApiClient, ApiClient];
    await waitFor(
      'identity reachable through both gateways',
      async () => {
        const [ra, rb] = await Promise.all([a.get('/health'), b.get('/health')]);
        const identityReady = (r: ApiResponse) =>
          (r.body.data as { services?: { identity?: { status: string } } })?.services?.identity?.status === 'ready';
        return identityReady(ra) && identityReady(rb) ? true : undefined;
      },
      45000,
      300,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${processes.map((p) => p.logTail()).join('\n')}`);
    });
  }, 60000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await Promise.allSettled([database?.drop(), vhost?.drop()]);
  }, 30000);

  let clientCounter = 0;
  /** A distinct client address per scenario, so per-IP limits of one scenario do not bleed into another. */
  const fromAddress = () => ({ 'x-forwarded-for': `198.51.100.${++clientCounter}` });

  async function register(client: ApiClient, email: string, extra: Record<string, unknown> = {}) {
    return client.post<UserView>(
      '/auth/register',
      { email, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace', ...extra },
      { headers: fromAddress() },
    );
  }

  async function login(client: ApiClient, email: string, password = PASSWORD, headers = fromAddress()) {
    return client.post<SessionTokens>('/auth/login', { email, password }, { headers });
  }

  /** Polls until both gateways refuse the credentials (revocations must reach every replica within 1 s). */
  async function refusedEverywhere(credentials: { token?: string; apiKey?: string }): Promise<number> {
    const started = Date.now();
    await waitFor(
      'both replicas to refuse',
      async () => {
        const [ra, rb] = await Promise.all([a.get('/users/me', credentials), b.get('/users/me', credentials)]);
        return ra.status === 401 && rb.status === 401 ? true : undefined;
      },
      3000,
      50,
    );
    return Date.now() - started;
  }

  const email = `ada.${randomUUID().slice(0, 8)}@example.com`;

  it('registers a user (201, normalised email, plain user, no secrets) and refuses duplicates and weak passwords', async () => {
    const created = await register(a, email.toUpperCase());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, message: 'User registration successful' });
    expect(created.body.data).toMatchObject({ email, first_name: 'Ada', roles: ['user'], status: 'active' });
    expect(created.body.data?.user_id).toMatch(/^usr_[0-9a-z]+$/);
    expect(JSON.stringify(created.body)).not.toContain(PASSWORD);
    expect(JSON.stringify(created.body)).not.toMatch(/hash/i);

    const duplicate = await register(b, ` ${email} `);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error?.code).toBe('USER_ALREADY_EXISTS');

    const weak = await a.post(
      '/auth/register',
      { email: `weak.${email}`, password: 'aaaaaaaaaaaa', first_name: 'W', last_name: 'P' },
      { headers: fromAddress() },
    );
    expect(weak.status).toBe(400);
    expect(weak.body.error?.code).toBe('WEAK_PASSWORD');
  });

  it('never lets registration grant a role (mass assignment is refused and creates nothing)', async () => {
    const sneaky = `sneaky.${randomUUID().slice(0, 8)}@example.com`;
    const response = await register(a, sneaky, { roles: ['admin'] });
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(response.body.error?.details)).toContain('roles');
    expect((await login(a, sneaky)).body.error?.code).toBe('INVALID_CREDENTIALS');
  });

  it('logs in, reads /users/me on either replica, rotates the refresh token and revokes the family on reuse', async () => {
    const session = await login(a, email);
    expect(session.status).toBe(200);
    const tokens = session.body.data as SessionTokens;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900, user: { email } });
    for (const client of [a, b]) {
      const me = await client.get<UserView>('/users/me', { token: tokens.access_token });
      expect(me.status).toBe(200);
      expect(me.body.data?.email).toBe(email);
    }

    const rotated = await b.post<SessionTokens>('/auth/refresh', { refresh_token: tokens.refresh_token }, { headers: fromAddress() });
    expect(rotated.status).toBe(200);
    const next = rotated.body.data as SessionTokens;
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect((await a.get('/users/me', { token: next.access_token })).status).toBe(200);

    const reused = await a.post('/auth/refresh', { refresh_token: tokens.refresh_token }, { headers: fromAddress() });
    expect(reused.status).toBe(401);
    expect(reused.body.error?.code).toBe('TOKEN_REUSED');
    // The whole family is gone: the newer refresh token and the session's access tokens stop working.
    expect((await a.post('/auth/refresh', { refresh_token: next.refresh_token }, { headers: fromAddress() })).status).toBe(401);
    expect(await refusedEverywhere({ token: next.access_token })).toBeLessThan(1000);
  });

  it('logs out one session: its refresh and access tokens stop working on every replica', async () => {
    const tokens = (await login(b, email)).body.data as SessionTokens;
    const other = (await login(a, email)).body.data as SessionTokens;
    const logout = await a.post('/auth/logout', { refresh_token: tokens.refresh_token }, { token: tokens.access_token });
    expect(logout.status).toBe(200);
    expect((await b.post('/auth/refresh', { refresh_token: tokens.refresh_token }, { headers: fromAddress() })).status).toBe(401);
    expect(await refusedEverywhere({ token: tokens.access_token })).toBeLessThan(1000);
    expect((await b.get('/users/me', { token: other.access_token })).status).toBe(200);
  });

  it('creates an API key shown once, accepts it as X-API-Key and as a bearer token, and refuses it on every replica within 1 s of revocation', async () => {
    const tokens = (await login(a, email)).body.data as SessionTokens;
    const created = await a.post<CreatedApiKey>('/auth/api-keys', { name: 'ci', scopes: ['tts', 'jobs'] }, { token: tokens.access_token });
    expect(created.status).toBe(201);
    const { key, api_key: view } = created.body.data as CreatedApiKey;
    expect(key).toMatch(/^vx_/);
    expect(view.scopes).toEqual(['tts', 'jobs']);

    expect((await a.get('/users/me', { apiKey: key })).status).toBe(200);
    expect((await b.get('/users/me', { token: key })).status).toBe(200);
    const listed = await b.get('/auth/api-keys', { token: tokens.access_token });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(JSON.stringify(listed.body)).toContain(view.key_id);

    const revoked = await b.delete(`/auth/api-keys/${view.key_id}`, { token: tokens.access_token });
    expect(revoked.status).toBe(200);
    expect(await refusedEverywhere({ apiKey: key })).toBeLessThan(1000);
    expect((await a.get('/users/me', { token: key })).body.error?.code).toBe('TOKEN_INVALID');
  });

  describe('refuses forged and expired access tokens', () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const sign = (header: object, claims: object, secret = JWT_SECRET) => {
      const unsigned = `${b64(header)}.${b64(claims)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };
    const now = () => Math.floor(Date.now() / 1000);
    let claims: Record<string, unknown>;

    beforeAll(async () => {
      const token = ((await login(a, email)).body.data as SessionTokens).access_token;
      claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    });

    async function refusal(token: string) {
      const response = await b.get('/users/me', { token });
      expect(response.status).toBe(401);
      return response.body.error?.code;
    }

    it('a correctly signed copy is accepted (control)', async () => {
      expect((await b.get('/users/me', { token: sign({ alg: 'HS256', typ: 'JWT' }, claims) })).status).toBe(200);
    });

    it('tampered payload, alg none, wrong secret → TOKEN_INVALID; expired → TOKEN_EXPIRED; none → UNAUTHENTICATED', async () => {
      const genuine = sign({ alg: 'HS256', typ: 'JWT' }, claims);
      const [header, , signature] = genuine.split('.');
      expect(await refusal(`${header}.${b64({ ...claims, roles: ['user', 'admin'] })}.${signature}`)).toBe('TOKEN_INVALID');
      expect(await refusal(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)).toBe('TOKEN_INVALID');
      expect(await refusal(sign({ alg: 'HS256', typ: 'JWT' }, claims, 'not-the-secret-not-the-secret-not-the-secret'))).toBe(
        'TOKEN_INVALID',
      );
      expect(await refusal(sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now() - 3600, exp: now() - 1800 }))).toBe('TOKEN_EXPIRED');
      const anonymous = await a.get('/users/me');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('keeps users out of admin routes; the configured first admin can list and disable users', async () => {
    const user = (await login(a, email)).body.data as SessionTokens;
    const denied = await a.get('/admin/users', { token: user.access_token });
    expect(denied.status).toBe(403);
    expect(denied.body.error?.code).toBe('PERMISSION_DENIED');

    const admin = (await login(b, ADMIN.email, ADMIN.password)).body.data as SessionTokens;
    expect(admin.user.roles).toEqual(['user', 'admin']);
    const listed = await b.get<{ users: UserView[]; pagination: Record<string, unknown> }>(
      `/admin/users?email=${encodeURIComponent(email)}&page=1&page_size=10`,
      {
        token: admin.access_token,
      },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.data?.users.map((u) => u.email)).toEqual([email]);
    expect(listed.body.data?.pagination).toMatchObject({
      page: 1,
      page_size: 10,
      total_count: 1,
      total_pages: 1,
      has_next: false,
      has_prev: false,
    });

    const disabled = await b.patch<UserView>(`/admin/users/${user.user.user_id}`, { disabled: true }, { token: admin.access_token });
    expect(disabled.status).toBe(200);
    expect(disabled.body.data?.status).toBe('disabled');
    expect(await refusedEverywhere({ token: user.access_token })).toBeLessThan(1000);
    const refused = await login(a, email);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('ACCOUNT_DISABLED');
  });

  it('shares the per-user limit across replicas through Redis: the 101st request in a minute gets 429 with Retry-After', async () => {
    const busy = `busy.${randomUUID().slice(0, 8)}@example.com`;
    await register(a, busy);
    const token = ((await login(a, busy)).body.data as SessionTokens).access_token;
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await (i % 2 === 0 ? a : b).get('/auth/token-info', { token })).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = await a.get('/auth/token-info', { token });
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('100');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('locks out brute-force logins per client address, even with the right password afterwards', async () => {
    const victim = `victim.${randomUUID().slice(0, 8)}@example.com`;
    await register(a, victim);
    const attacker = { 'x-forwarded-for': '203.0.113.66' };
    for (let attempt = 1; attempt <= 10; attempt++) {
      const wrong = await (attempt % 2 ? a : b).post(
        '/auth/login',
        { email: victim, password: `wrong-password-${attempt}` },
        { headers: attacker },
      );
      expect(wrong.body.error?.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await a.post('/auth/login', { email: victim, password: PASSWORD }, { headers: attacker });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client address is not locked out.
    expect((await login(b, victim)).status).toBe(200);
  });

  it('never writes passwords, refresh tokens or API keys to any log', async () => {
    const tokens = (await login(a, `root@voxify.test`, ADMIN.password)).body.data as SessionTokens;
    const created = (await a.post<CreatedApiKey>('/auth/api-keys', { name: 'log-check', scopes: ['tts'] }, { token: tokens.access_token }))
      .body.data as CreatedApiKey;
    await b.get('/users/me', { apiKey: created.key });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = processes.map((p) => p.output.join('\n')).join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [PASSWORD, ADMIN.password, tokens.refresh_token, created.key]) expect(logs).not.toContain(secret);
  });
});

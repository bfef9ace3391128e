import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { LoginCommand } from '#contracts';
import { createAccessTestGateway, type AccessTestGateway } from '../testing/create-access-test-gateway.js';
import { FakeIdentityService, TEST_PASSWORD } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('rate limits over HTTP', () => {
  let backend: InProcessBackend;
  let identity: FakeIdentityService;
  const gateways: AccessTestGateway[] = [];

  beforeEach(async () => {
    backend = new InProcessBackend();
    identity = await FakeIdentityService.start(backend);
  });

  afterEach(async () => {
    for (const gateway of gateways.splice(0)) await gateway.close();
    await backend.close();
  });

  async function start(options: Omit<Parameters<typeof createAccessTestGateway>[0], 'backend'> = {}): Promise<AccessTestGateway> {
    const gateway = await createAccessTestGateway({ backend, ...options });
    gateways.push(gateway);
    return gateway;
  }

  it('answers the 101st request of a principal in a minute with 429 RATE_LIMITED and Retry-After', async () => {
    const gateway = await start();
    const headers = { authorization: `Bearer ${identity.issueAccessToken('usr_busy')}` };

    const statuses: number[] = [];
    let hundredth;
    for (let i = 1; i <= 100; i++) {
      const response = await gateway.http.get('/api/v1/auth/token-info', { headers });
      statuses.push(response.status);
      if (i === 100) hundredth = response;
    }
    const limited = await gateway.http.get('/api/v1/auth/token-info', { headers });

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(hundredth!.headers.get('x-ratelimit-limit')).toBe('100');
    expect(hundredth!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(limited.json()).toEqual({
      success: false,
      error: {
        code: 'RATE_LIMITED',
        message: expect.any(String),
        details: { limit: 100, reset_at: expect.any(String), retry_after_seconds: retryAfter },
      },
    });
    const other = await gateway.http.get('/api/v1/auth/token-info', {
      headers: { authorization: `Bearer ${identity.issueAccessToken('usr_calm')}` },
    });
    expect(other.status).toBe(200);
  });

  it('counts a principal on every replica against one limit when the counters are in Redis', async () => {
    const redisKeyPrefix = `voxify-test:${randomUUID()}:`;
    const rateLimits = { principal: { limit: 4, windowMs: 60_000 } };
    const replicas = [
      await start({ redisUrl: REDIS_URL, redisKeyPrefix, rateLimits }),
      await start({ redisUrl: REDIS_URL, redisKeyPrefix, rateLimits }),
    ];
    const headers = { authorization: `Bearer ${identity.issueAccessToken('usr_spread')}` };
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await replicas[i % 2]!.http.get('/api/v1/auth/token-info', { headers })).status);

      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${redisKeyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('limits registrations per IP address', async () => {
    const gateway = await start({ rateLimits: { 'auth.register': { limit: 3, windowMs: 60_000 } } });
    const body = { email: 'ada@example.com', password: TEST_PASSWORD, first_name: 'Ada', last_name: 'Lovelace' };

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await gateway.http.post('/api/v1/auth/register', { json: body })).status);

    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('locks logins from an IP address out after 10 failures, even with the right password', async () => {
    const gateway = await start();
    const attempt = (password: string) => gateway.http.post('/api/v1/auth/login', { json: { email: 'ada@example.com', password } });

    const failures = [];
    for (let i = 0; i < 10; i++) failures.push((await attempt('wrong-password')).status);
    const lockedOut = await attempt(TEST_PASSWORD);

    expect(failures).toEqual(Array(10).fill(401));
    expect(lockedOut.status).toBe(429);
    expect(lockedOut.json().error.code).toBe('RATE_LIMITED');
    expect(Number(lockedOut.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(identity.count(LoginCommand.type)).toBe(10);
  });

  it('lets logins in again once the failed-login window has passed', async () => {
    const gateway = await start({ rateLimits: { 'auth.failed-login': { limit: 2, windowMs: 300 } } });
    const attempt = (password: string) => gateway.http.post('/api/v1/auth/login', { json: { email: 'ada@example.com', password } });
    await attempt('wrong-password');
    await attempt('wrong-password');
    expect((await attempt(TEST_PASSWORD)).status).toBe(429);

    await new Promise((resolve) => setTimeout(resolve, 350));

    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });
});

import { DEFAULT_PLATFORM_CONFIG, type PlatformConfig } from '#contracts';
import { waitFor } from '#test-support';
import { RateLimitPolicies } from '../rate-limit/rate-limit-policies.js';
import { TEST_RATE_LIMITS } from '../testing/create-access-test-gateway.js';
import type { TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { createAdminTestGateway, FakeConfigIdentity } from './testing/admin-test-backend.js';

function storedVersion(version: number, rateLimits: PlatformConfig['rate_limits']): PlatformConfig {
  return { version, ...DEFAULT_PLATFORM_CONFIG, rate_limits: rateLimits, updated_at: new Date().toISOString(), updated_by: 'usr_boss' };
}

describe('rate limits from the platform settings (two gateway replicas)', () => {
  let backend: InProcessBackend;
  let identity: FakeConfigIdentity;
  let replicas: TestGateway[];

  beforeEach(async () => {
    backend = new InProcessBackend();
    identity = await FakeConfigIdentity.start(backend, {});
    replicas = [await createAdminTestGateway(backend), await createAdminTestGateway(backend)];
  });

  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await backend.close();
  });

  const limitOn = (replica: TestGateway, userId: string) =>
    replica.http
      .get('/api/v1/access-samples/any', { headers: { authorization: `Bearer ${identity.token(userId, ['user'])}` } })
      .then((response) => ({ status: response.status, limit: Number(response.headers.get('x-ratelimit-limit')) }));

  it('keeps the configured (environment) limits while no settings are stored', async () => {
    expect(await limitOn(replicas[0]!, 'usr_first')).toEqual({ status: 200, limit: TEST_RATE_LIMITS.principal.limit });
  });

  it('applies a stored change on every replica without a restart: the next requests obey the new limit', async () => {
    await identity.store(storedVersion(1, { requests_per_minute: 3, auth_requests_per_window: 4, failed_logins_per_window: 2 }));
    for (const replica of replicas) {
      await waitFor('the new limit', async () => ((await limitOn(replica, 'usr_probe')).limit === 3 ? true : undefined), 3000, 20);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limitOn(replica, 'usr_counted')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);

      const policies = replica.app.get(RateLimitPolicies);
      expect(['auth.login', 'auth.register', 'auth.refresh'].map((name) => policies.get(name as 'auth.login'))).toEqual([
        { limit: 4, windowMs: TEST_RATE_LIMITS['auth.login'].windowMs },
        { limit: 4, windowMs: TEST_RATE_LIMITS['auth.register'].windowMs },
        { limit: 4, windowMs: TEST_RATE_LIMITS['auth.refresh'].windowMs },
      ]);
      expect(policies.get('auth.failed-login')).toEqual({ limit: 2, windowMs: TEST_RATE_LIMITS['auth.failed-login'].windowMs });
    }
  });

  it('applies the stored settings a replica finds when it starts', async () => {
    identity.config = storedVersion(2, { requests_per_minute: 42, auth_requests_per_window: 20, failed_logins_per_window: 10 });
    const late = await createAdminTestGateway(backend);
    replicas.push(late);
    await waitFor('the stored limit', async () => ((await limitOn(late, 'usr_late')).limit === 42 ? true : undefined), 3000, 20);
  });
});

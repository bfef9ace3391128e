import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('RedisRateLimitStore (real Redis)', () => {
  let keyPrefix: string;
  let stores: RedisRateLimitStore[];

  beforeEach(async () => {
    keyPrefix = `voxify-test:${randomUUID()}:`;
    stores = [new RedisRateLimitStore({ url: REDIS_URL, keyPrefix }), new RedisRateLimitStore({ url: REDIS_URL, keyPrefix })];
    await Promise.all(stores.map((store) => store.ready()));
  });

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('shares one counter between two stores (two gateway replicas)', async () => {
    const [one, two] = stores as [RedisRateLimitStore, RedisRateLimitStore];
    const startedAt = Date.now();

    const first = await one.hit('principal:user:usr_1', 60_000);
    const second = await two.hit('principal:user:usr_1', 60_000);
    const third = await one.hit('principal:user:usr_1', 60_000);

    expect([first.count, second.count, third.count]).toEqual([1, 2, 3]);
    expect(third.resetAt).toBeGreaterThan(startedAt + 59_000);
    expect(third.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
    await expect(two.peek('principal:user:usr_1')).resolves.toMatchObject({ count: 3 });
  });

  it('counts hits sent at once exactly (the script is atomic)', async () => {
    const counts = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 2]!.hit('burst', 60_000)));

    expect(counts.map((window) => window.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('opens a new window once the old one has expired', async () => {
    await stores[0]!.hit('short', 150);
    await stores[0]!.hit('short', 150);
    await new Promise((resolve) => setTimeout(resolve, 250));

    await expect(stores[1]!.peek('short')).resolves.toBeUndefined();
    await expect(stores[1]!.hit('short', 150)).resolves.toMatchObject({ count: 1 });
  });
});

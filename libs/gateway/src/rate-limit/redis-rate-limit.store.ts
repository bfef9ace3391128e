import type { OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimitStore, type RateLimitWindow } from './rate-limit.store.js';

/** INCR, opening the window on the first hit, and the window's remaining time: one atomic round trip. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

type RedisWithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

export interface RedisRateLimitStoreOptions {
  url: string;
  /** Prefixes every key, so several deployments (or tests) can share one Redis. */
  keyPrefix?: string;
  /** Connection trouble (ioredis reconnects by itself); checks fail while it lasts. */
  onError?: (error: Error) => void;
}

/** Counters in Redis, shared by every gateway replica that points at it. */
export class RedisRateLimitStore extends RateLimitStore implements OnModuleInit {
  private readonly redis: RedisWithHit;
  private readonly onError: (error: Error) => void;

  constructor(options: RedisRateLimitStoreOptions) {
    super();
    // No offline queue and one retry: with Redis away a check fails fast instead of stalling requests.
    const redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? 'voxify:rate-limit:',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    this.onError = options.onError ?? (() => undefined);
    redis.on('error', (error: Error) => this.onError(error));
    redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as RedisWithHit;
  }

  /** The gateway starts once Redis answers, or after a warning that limits are not enforced until it does. */
  async onModuleInit(): Promise<void> {
    await this.ready().catch((error: Error) => this.onError(error));
  }

  /** Resolves once connected (commands sent before then fail: there is no offline queue). */
  async ready(timeoutMs = 5000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Redis was not reachable within ${timeoutMs} ms`));
      }, timeoutMs);
      const onReady = (): void => {
        cleanup();
        resolve();
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
      };
      this.redis.on('ready', onReady);
    });
  }

  async hit(key: string, windowMs: number): Promise<RateLimitWindow> {
    const [count, ttlMs] = await this.redis.rateLimitHit(key, windowMs);
    return { count, resetAt: Date.now() + ttlMs };
  }

  async peek(key: string): Promise<RateLimitWindow | undefined> {
    const [count, ttlMs] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    if (count === null || ttlMs < 0) return undefined;
    return { count: Number(count), resetAt: Date.now() + ttlMs };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

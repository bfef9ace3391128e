import type { OnApplicationShutdown } from '@nestjs/common';

/** A counter's current fixed window. */
export interface RateLimitWindow {
  /** Hits counted in the window so far. */
  count: number;
  /** When the window ends and the count starts again from zero (ms since the epoch). */
  resetAt: number;
}

/**
 * Where rate-limit counters live: in this process (MemoryRateLimitStore) or in Redis, shared by
 * every gateway replica (RedisRateLimitStore). Fixed windows: the first hit opens a window of
 * `windowMs`. A store may answer synchronously; callers handle both.
 */
export abstract class RateLimitStore implements OnApplicationShutdown {
  /** Counts a hit and returns the window it fell into. */
  abstract hit(key: string, windowMs: number): RateLimitWindow | Promise<RateLimitWindow>;
  /** The current window without counting a hit; undefined when there is none. */
  abstract peek(key: string): RateLimitWindow | undefined | Promise<RateLimitWindow | undefined>;
  abstract close(): Promise<void>;

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

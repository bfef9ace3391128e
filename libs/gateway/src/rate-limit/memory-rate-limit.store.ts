import { RateLimitStore, type RateLimitWindow } from './rate-limit.store.js';

const SWEEP_INTERVAL_MS = 60_000;

/** Counters in this process: right for a single gateway (each replica would count on its own). */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, RateLimitWindow>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  hit(key: string, windowMs: number): RateLimitWindow {
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.resetAt > now) {
      window.count++;
      return { count: window.count, resetAt: window.resetAt };
    }
    const opened = { count: 1, resetAt: now + windowMs };
    this.windows.set(key, opened);
    return { ...opened };
  }

  peek(key: string): RateLimitWindow | undefined {
    const window = this.windows.get(key);
    return window && window.resetAt > this.now() ? { ...window } : undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

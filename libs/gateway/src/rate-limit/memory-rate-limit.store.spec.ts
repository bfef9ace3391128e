import { MemoryRateLimitStore } from './memory-rate-limit.store.js';

describe('MemoryRateLimitStore', () => {
  let now: number;
  let store: MemoryRateLimitStore;

  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryRateLimitStore(() => now);
  });

  afterEach(() => store.close());

  it('counts hits in a fixed window that the first hit opens', () => {
    expect(store.hit('k', 1000)).toEqual({ count: 1, resetAt: 1_001_000 });
    now += 600;
    expect(store.hit('k', 1000)).toEqual({ count: 2, resetAt: 1_001_000 });
    expect(store.peek('k')).toEqual({ count: 2, resetAt: 1_001_000 });
  });

  it('starts again once the window has passed', () => {
    store.hit('k', 1000);
    store.hit('k', 1000);
    now += 1000;

    expect(store.peek('k')).toBeUndefined();
    expect(store.hit('k', 1000)).toEqual({ count: 1, resetAt: 1_002_000 });
  });

  it('keeps keys apart', () => {
    store.hit('a', 1000);

    expect(store.hit('b', 1000).count).toBe(1);
  });
});

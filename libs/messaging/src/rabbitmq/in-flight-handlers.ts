/** Counts handlers still running, so a graceful stop can wait for them. */
export class InFlightHandlers {
  private count = 0;
  private idleWaiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  track(work: Promise<void>): void {
    this.count++;
    void work.finally(() => {
      this.count--;
      if (this.count === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      }
    });
  }

  /** Resolves true once nothing runs, or false when `graceMs` passed first. */
  waitUntilIdle(graceMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, graceMs);
      this.idleWaiters.push(wake);
    });
  }
}

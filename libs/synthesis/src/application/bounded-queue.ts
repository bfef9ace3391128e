import { ApplicationError, SynthesisErrorCode } from '#contracts';

/**
 * Lets at most `concurrency` tasks run at once and keeps at most `capacity` waiting; beyond that the
 * caller is told OVERLOADED at once instead of piling up. Running several syntheses at once lets one
 * request's text front end and encoding overlap another's inference, and lets the engine's batcher
 * put their sentences into one run.
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly capacity: number,
    private readonly concurrency = 1,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Tasks waiting for a slot (not counting the running ones). */
  get depth(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.capacity) {
        throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full; retry shortly');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      if (next) next();
      else this.running--;
    }
  }
}

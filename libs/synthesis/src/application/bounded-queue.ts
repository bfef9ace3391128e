import { ApplicationError, SynthesisErrorCode } from '#contracts';

/**
 * Runs tasks one at a time (the model already uses several threads per run) and keeps at most
 * `capacity` waiting; beyond that the caller is told OVERLOADED at once instead of piling up.
 */
export class BoundedQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly capacity: number) {}

  get depth(): number {
    return this.waiting;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.waiting >= this.capacity) {
      return Promise.reject(new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full; retry shortly'));
    }
    this.waiting++;
    const result = this.tail.then(() => {
      this.waiting--;
      return task();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

import type { ReplyBody } from '#contracts';

export type AwaitedReply = { kind: 'reply'; body: ReplyBody } | { kind: 'timeout' };

interface Waiter {
  resolve(reply: AwaitedReply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Requests of one bus that still wait for their reply, keyed by the reply correlation id. */
export class PendingReplies {
  private readonly waiters = new Map<string, Waiter>();

  wait(correlationId: string, timeoutMs: number): Promise<AwaitedReply> {
    return new Promise<AwaitedReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(correlationId);
        resolve({ kind: 'timeout' });
      }, timeoutMs);
      this.waiters.set(correlationId, { resolve, reject, timer });
    });
  }

  /** Hands a reply to its waiter; a late reply (after the timeout) finds none and is dropped. */
  settle(correlationId: string, body: ReplyBody): void {
    const waiter = this.waiters.get(correlationId);
    if (!waiter) return;
    this.take(correlationId, waiter).resolve({ kind: 'reply', body });
  }

  fail(correlationId: string, error: Error): void {
    const waiter = this.waiters.get(correlationId);
    if (waiter) this.take(correlationId, waiter).reject(error);
  }

  failAll(error: Error): void {
    for (const [correlationId, waiter] of [...this.waiters]) this.take(correlationId, waiter).reject(error);
  }

  private take(correlationId: string, waiter: Waiter): Waiter {
    clearTimeout(waiter.timer);
    this.waiters.delete(correlationId);
    return waiter;
  }
}

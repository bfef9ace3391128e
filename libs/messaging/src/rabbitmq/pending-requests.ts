import { ApplicationError, type ReplyBody } from '#contracts';

export interface PendingRequest {
  messageType: string;
  owner: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
  onTimeout(): void;
  timer: NodeJS.Timeout;
}

/**
 * Requests waiting for their reply, keyed by the request's message id (the reply's correlation
 * id). Whoever settles a request first (reply, return, nack, timeout, disconnect) removes it, so
 * each request settles exactly once.
 */
export class PendingRequests {
  private readonly byId = new Map<string, PendingRequest>();

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  add(id: string, timeoutMs: number, handlers: Omit<PendingRequest, 'timer'>): void {
    const timer = setTimeout(() => {
      if (this.byId.get(id)?.timer !== timer) return;
      this.byId.delete(id);
      handlers.onTimeout();
    }, timeoutMs);
    this.byId.set(id, { ...handlers, timer });
  }

  /** Settles the request a reply answers; a reply nobody waits for any more is ignored. */
  settleWithReply(id: string, reply: ReplyBody): boolean {
    const pending = this.take(id);
    if (!pending) return false;
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(ApplicationError.fromBody(reply.error));
    return true;
  }

  fail(id: string, error: Error | ((pending: PendingRequest) => Error)): boolean {
    const pending = this.take(id);
    if (!pending) return false;
    pending.reject(typeof error === 'function' ? error(pending) : error);
    return true;
  }

  failAll(error: Error): void {
    const all = [...this.byId.values()];
    this.byId.clear();
    for (const pending of all) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  private take(id: string): PendingRequest | undefined {
    const pending = this.byId.get(id);
    if (!pending) return undefined;
    this.byId.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }
}

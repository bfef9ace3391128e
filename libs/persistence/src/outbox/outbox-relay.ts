import type { BusLogger, MessageBus } from '#messaging';
import type { DataSource } from 'typeorm';
import { schemaOf } from '../data-source/service-schema.js';
import { OutboxTable, type OutboxLag } from './outbox-table.js';

export interface OutboxRelayOptions {
  /** Delay between two polls of the outbox (notify() publishes sooner). */
  pollIntervalMs: number;
  /** Rows published per broker round trip and transaction (default 100). */
  batchSize?: number;
  logger?: BusLogger;
  /** A publish not confirmed within this counts as failed, so rows are not locked forever. */
  publishTimeoutMs?: number;
  /** When set, the relay deletes rows published more than this many days ago, once per cleanup interval. */
  publishedRetentionDays?: number;
  cleanupIntervalMs?: number;
}

const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_PUBLISH_TIMEOUT_MS = 10_000;
const DEFAULT_CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

type BatchOutcome = { published: number } | { failed: Error };

/**
 * Publishes what OutboxWriter recorded. Each batch is one transaction: lock the oldest unpublished
 * rows (FOR UPDATE SKIP LOCKED, so two relays of a service never publish the same row), publish
 * them, and mark them published only once the broker confirmed. When publishing fails the rows
 * keep `published_at` empty, get their attempts and last error recorded, and are retried on the
 * next poll. Delivery is at least once: consumers deduplicate by envelope id.
 */
export class OutboxRelay {
  private readonly outbox: OutboxTable;
  private readonly batchSize: number;
  private readonly publishTimeoutMs: number;
  private readonly cleanupIntervalMs: number;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private inFlight: Promise<number> | undefined;
  private queued: Promise<number> | undefined;
  private failing = false;
  private lastCleanupAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (this.batchSize < 1) throw new Error('OutboxRelay batchSize must be at least 1');
    this.outbox = new OutboxTable(schemaOf(dataSource));
    this.publishTimeoutMs = options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS;
    this.cleanupIntervalMs = options.cleanupIntervalMs ?? DEFAULT_CLEANUP_INTERVAL_MS;
  }

  /** Publishes what is pending now, then polls every `pollIntervalMs`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedulePoll(0);
  }

  /** Stops polling and waits for a publish in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([this.polling, this.inFlight, this.queued]);
  }

  /** Asks a started relay to publish now, e.g. right after a transaction that wrote to the outbox committed. */
  notify(): void {
    if (!this.running) return;
    this.flush().catch(() => undefined); // already logged; the next poll retries
  }

  /**
   * Publishes every row unpublished when it is called; resolves with the number published and
   * rejects with the bus's error when publishing failed. Calls during a flush wait for it and then
   * run once more, together.
   */
  flush(): Promise<number> {
    if (!this.inFlight) return this.startFlush();
    this.queued ??= this.inFlight
      .catch(() => 0)
      .then(() => {
        this.queued = undefined;
        return this.startFlush();
      });
    return this.queued;
  }

  lag(): Promise<OutboxLag> {
    return this.outbox.lag(this.dataSource);
  }

  /** Deletes rows published more than `days` days ago; returns how many. */
  purgePublished(olderThanDays: number): Promise<number> {
    return this.outbox.deletePublishedBefore(this.dataSource, olderThanDays);
  }

  private startFlush(): Promise<number> {
    const flush = this.publishPending().finally(() => {
      if (this.inFlight === flush) this.inFlight = undefined;
    });
    this.inFlight = flush;
    return flush;
  }

  private async publishPending(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const outcome = await this.publishBatch();
        if ('failed' in outcome) throw outcome.failed;
        total += outcome.published;
        if (outcome.published < this.batchSize) break;
      }
    } catch (error) {
      this.reportFailure(error);
      throw error;
    }
    this.reportRecovery();
    return total;
  }

  private publishBatch(): Promise<BatchOutcome> {
    return this.dataSource.transaction(async (manager): Promise<BatchOutcome> => {
      const rows = await this.outbox.lockPending(manager, this.batchSize);
      if (rows.length === 0) return { published: 0 };
      const ids = rows.map((row) => row.id);
      try {
        await this.publishWithTimeout(rows.map((row) => row.envelope));
      } catch (error) {
        const failed = error instanceof Error ? error : new Error(String(error));
        await this.outbox.recordFailure(manager, ids, failed.message);
        return { failed };
      }
      await this.outbox.markPublished(manager, ids);
      return { published: rows.length };
    });
  }

  private async publishWithTimeout(envelopes: Parameters<MessageBus['publishEnvelopes']>[0]): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timeout = setTimeout(
        () => reject(new Error(`The broker did not confirm the outbox batch within ${this.publishTimeoutMs} ms`)),
        this.publishTimeoutMs,
      );
    });
    try {
      await Promise.race([this.bus.publishEnvelopes(envelopes), expired]);
    } finally {
      clearTimeout(timeout);
    }
  }

  private schedulePoll(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll();
    }, delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    try {
      await this.flush();
    } catch {
      // reported by publishPending; retried on the next poll
    }
    await this.cleanUpIfDue();
    this.schedulePoll(this.options.pollIntervalMs);
  }

  private async cleanUpIfDue(): Promise<void> {
    const days = this.options.publishedRetentionDays;
    if (days === undefined || Date.now() - this.lastCleanupAt < this.cleanupIntervalMs) return;
    this.lastCleanupAt = Date.now();
    try {
      const deleted = await this.purgePublished(days);
      if (deleted > 0) this.options.logger?.info({ deleted, olderThanDays: days }, 'Deleted old published outbox rows');
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'Could not delete old published outbox rows');
    }
  }

  private reportFailure(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.options.logger?.warn({ err: error }, 'Outbox publishing failed; retrying on the next poll');
  }

  private reportRecovery(): void {
    if (!this.failing) return;
    this.failing = false;
    this.options.logger?.info({}, 'Outbox publishing recovered');
  }
}

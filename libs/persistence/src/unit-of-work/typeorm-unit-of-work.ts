import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageEnvelope } from '#contracts';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import { UnitOfWork } from './unit-of-work.js';

/** Told after a commit that wrote events, so they go out now rather than at the relay's next poll. */
export interface OutboxNotifier {
  notify(): void;
}

interface OpenTransaction {
  manager: EntityManager;
  wroteEvents: boolean;
}

/**
 * The unit of work on TypeORM: `run` opens a transaction whose EntityManager the repositories find
 * in async-local storage (outside `run` they use the pool). A nested `run` joins the outer one.
 */
export class TypeOrmUnitOfWork extends UnitOfWork {
  private readonly open = new AsyncLocalStorage<OpenTransaction>();
  private readonly outbox: OutboxWriter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: OutboxNotifier,
  ) {
    super();
    this.outbox = new OutboxWriter(dataSource);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.open.getStore()) return work();
    let transaction: OpenTransaction | undefined;
    const result = await this.dataSource.transaction((manager) => {
      transaction = { manager, wroteEvents: false };
      return this.open.run(transaction, work);
    });
    if (transaction?.wroteEvents) this.notifier.notify();
    return result;
  }

  async recordEvents(envelopes: readonly MessageEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const transaction = this.open.getStore();
    if (!transaction) throw new Error('Events must be recorded inside UnitOfWork.run, with the change that caused them');
    await this.outbox.add(transaction.manager, envelopes);
    transaction.wroteEvents = true;
  }

  /** The open transaction's manager, or the pool's. */
  manager(): EntityManager {
    return this.open.getStore()?.manager ?? this.dataSource.manager;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '../../application/ports/index.js';

/** Told after a commit that wrote events, so they are published now rather than at the next poll. */
export interface OutboxNotifier {
  notify(): void;
}

interface ActiveTransaction {
  manager: EntityManager;
  wroteEvents: boolean;
}

/**
 * The unit of work on TypeORM: `run` opens a transaction and keeps its EntityManager in async-local
 * storage, where the repositories and the event outbox find it. Outside `run` they use the pool.
 * A `run` inside another joins the outer transaction.
 */
export class TypeOrmTransactions extends UnitOfWork {
  private readonly active = new AsyncLocalStorage<ActiveTransaction>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: OutboxNotifier,
  ) {
    super();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active.getStore()) return work();
    let transaction: ActiveTransaction | undefined;
    const result = await this.dataSource.transaction((manager) => {
      transaction = { manager, wroteEvents: false };
      return this.active.run(transaction, work);
    });
    if (transaction?.wroteEvents) this.notifier.notify();
    return result;
  }

  /** The current transaction's manager, or the pool's outside one. */
  manager(): EntityManager {
    return this.active.getStore()?.manager ?? this.dataSource.manager;
  }

  /** The current transaction's manager for writing events; throws outside `run`. */
  managerForEvents(): EntityManager {
    const transaction = this.active.getStore();
    if (!transaction) throw new Error('Events must be recorded inside UnitOfWork.run, with the change that caused them');
    transaction.wroteEvents = true;
    return transaction.manager;
  }
}

import type { DataSource } from 'typeorm';
import type { Logger } from '#service-runtime';
import { EnsureAdminAccount, type AdminAccount, type EnsureAdminResult } from '../../application/ensure-admin/ensure-admin-account.js';
import { TransactionalEventOutbox } from '../events/transactional-event-outbox.js';
import { TypeOrmTransactions } from '../persistence/typeorm-transactions.js';
import { TypeOrmUserRepository } from '../persistence/typeorm-user.repository.js';
import { Argon2PasswordHasher } from '../security/argon2-password-hasher.js';
import { SystemClock } from '../time/system-clock.js';

/**
 * EnsureAdminAccount on a migrated identity data source, without the service running (the CLI).
 * Its events wait in the outbox until a running identity instance's relay publishes them.
 */
export function ensureAdminAccount(dataSource: DataSource, account: AdminAccount, logger: Logger): Promise<EnsureAdminResult> {
  const transactions = new TypeOrmTransactions(dataSource, { notify: () => undefined });
  const useCase = new EnsureAdminAccount(
    new TypeOrmUserRepository(transactions),
    new Argon2PasswordHasher(),
    new SystemClock(),
    transactions,
    new TransactionalEventOutbox(dataSource, transactions),
    logger,
  );
  return useCase.execute(account);
}

/** The unit of work on TypeORM and the outbox, shared by every context's repositories. */
export { TypeOrmUnitOfWork, type OutboxNotifier } from '#persistence';

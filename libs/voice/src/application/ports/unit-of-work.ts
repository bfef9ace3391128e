/** The platform's unit of work (rows and outbox events in one transaction), as this context's port. */
export { UnitOfWork } from '#persistence';

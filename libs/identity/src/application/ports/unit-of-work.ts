/**
 * One database transaction around a use case: what repositories write and what EventOutbox records
 * inside `run` commits together or not at all. Events recorded are published after the commit.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}

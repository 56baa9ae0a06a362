import type { Executor } from './database';

/**
 * Runs `work` in one transaction and returns its result. Services take a `Transact` rather than
 * the database so the composition root decides what happens after the commit (waking the outbox
 * relay) and tests can run the same services inside a caller's transaction.
 */
export type Transact = <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;

/**
 * The one "transaction, then wake the relay" helper: `afterCommit` runs only once the commit has
 * succeeded (a rolled-back transaction wrote no outbox rows, so there is nothing to wake for).
 * Given a transaction as `db`, each call becomes a savepoint of it.
 */
export const transactor =
  (db: Executor, afterCommit: () => void = () => {}): Transact =>
  async (work) => {
    const result = await db.transaction(work);
    afterCommit();
    return result;
  };

/** Thrown inside a transaction to roll it back while still answering with `result`. */
export class Rollback<T> extends Error {
  override readonly name = 'Rollback';
  constructor(readonly result: T) {
    super('transaction rolled back on purpose');
  }
}

/**
 * Runs `work` in a transaction; a `Rollback` thrown from it undoes every write and becomes the
 * return value, so an all-or-nothing operation can fail halfway without leaving a trace.
 */
export async function transactOrRollback<T>(transact: Transact, work: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await transact(work);
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}

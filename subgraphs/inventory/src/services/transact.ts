import type { Executor } from '@shop/db';

/** Runs work in one transaction and wakes the outbox relay after the commit. */
export type Transact = <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;

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

import type { Database, Executor } from '@shop/db';

/** Runs work in one transaction, then tells the outbox relay (after the commit) that events are waiting. */
export type Transact = <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;

export const transactor =
  (db: Database, afterCommit: () => void): Transact =>
  async (work) => {
    const result = await db.transaction(work);
    afterCommit();
    return result;
  };

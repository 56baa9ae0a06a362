import type { Database } from '@shop/db';

interface Session {
  prepareQuery(query: { sql: string }, ...rest: unknown[]): unknown;
}

/** The outbox relay's backlog check: it runs on its own schedule, not for the work being counted. */
const relayBacklogCheck = /^select "seq" from "[^"]+"\."outbox" where /;

/**
 * Counts the SQL statements `db` runs outside transactions while `work` runs (every read goes
 * through the drizzle session's prepareQuery; transactions get sessions of their own), leaving
 * out the outbox relay's backlog checks. For "one query for many entities" tests.
 */
export async function countQueries<T>(db: Database, work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const { session } = db as unknown as { session: Session };
  const prepareQuery = session.prepareQuery;
  let queries = 0;
  session.prepareQuery = function (this: Session, query, ...rest) {
    if (!relayBacklogCheck.test(query.sql)) queries++;
    return prepareQuery.call(this, query, ...rest);
  };
  try {
    const result = await work();
    return { result, queries };
  } finally {
    session.prepareQuery = prepareQuery;
  }
}

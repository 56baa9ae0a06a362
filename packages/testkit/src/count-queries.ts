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
export async function countQueries<T>(db: Database, work: () => Promise<T>): Promise<{ result: T; queries: number; statements: string[] }> {
  const { session } = db as unknown as { session: Session };
  const prepareQuery = session.prepareQuery;
  const statements: string[] = [];
  session.prepareQuery = function (this: Session, query, ...rest) {
    if (!relayBacklogCheck.test(query.sql)) statements.push(query.sql);
    return prepareQuery.call(this, query, ...rest);
  };
  try {
    const result = await work();
    return { result, queries: statements.length, statements };
  } finally {
    session.prepareQuery = prepareQuery;
  }
}

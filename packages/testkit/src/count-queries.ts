import type { Database } from '@shop/db';

interface Client {
  query(query: string | { text: string }, ...rest: unknown[]): unknown;
}

/**
 * The outbox relay's statements (its backlog check, and its claims, which take the outbox's lease):
 * they run on the relay's own schedule, not for the work being counted.
 */
const relayStatement = /^select "seq" from "[^"]+"\."outbox" where |"outbox_lease"/;

/**
 * Counts the SQL statements `db` runs outside transactions while `work` runs, prepared statements
 * included, leaving out the outbox relay's statements. It watches the driver client (the `pg`
 * pool or the PGlite instance): transactions run on a client of their own. For "one query for
 * many entities" tests.
 */
export async function countQueries<T>(db: Database, work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const client = (db as unknown as { $client: Client }).$client;
  const hadOwn = Object.prototype.hasOwnProperty.call(client, 'query');
  const query = client.query;
  let queries = 0;
  client.query = function (this: Client, statement, ...rest) {
    if (!relayStatement.test(typeof statement === 'string' ? statement : statement.text)) queries++;
    return query.call(this, statement, ...rest);
  };
  try {
    const result = await work();
    return { result, queries };
  } finally {
    if (hadOwn) client.query = query;
    else delete (client as Partial<Client>).query;
  }
}

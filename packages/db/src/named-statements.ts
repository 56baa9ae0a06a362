import type pg from 'pg';

interface QueryConfig {
  text: string;
  name?: string;
  values?: unknown[];
}

/**
 * Makes every parameterised statement a pool runs a named (server-side prepared) statement, in
 * transactions too: PostgreSQL parses and plans a statement once per connection instead of on
 * every call, and `pg` sends Bind/Execute without Parse after the first time. Statements without
 * parameters stay on the simple protocol (they may hold several statements, as migrations do).
 *
 * At most `limit` distinct statement texts get a name per pool (the first ones seen), so a
 * connection holds at most `limit` prepared statements on the server; the rest run unnamed.
 */
export function nameStatements(pool: pg.Pool, limit: number): void {
  if (limit <= 0) return;
  const names = new Map<string, string>();
  const nameFor = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < limit) names.set(text, (name = `shop_${names.size}`));
    return name;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: unknown, values?: unknown, ...rest: unknown[]) => {
      const unnamed = typeof config === 'string' ? { text: config } : isUnnamedConfig(config) ? config : undefined;
      const parameters = Array.isArray(values) ? values : unnamed?.values;
      if (unnamed && parameters && parameters.length > 0) {
        const name = nameFor(unnamed.text);
        if (name !== undefined) config = { ...unnamed, name };
      }
      return query(config, values, ...rest);
    }) as typeof client.query;
  });
}

const isUnnamedConfig = (config: unknown): config is QueryConfig =>
  typeof config === 'object' && config !== null && typeof (config as QueryConfig).text === 'string' && (config as QueryConfig).name === undefined;

import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from './database';

/**
 * A statement built once per database handle instead of on every call: drizzle's query building
 * is skipped, and on PostgreSQL `pg` parses and plans a named statement once per connection.
 * For hot reads; `build` gets the handle and returns `db.select()...prepare(name)` with
 * `sql.placeholder`s. The name must be unique per distinct SQL text.
 */
export function preparedPerDatabase<TPrepared>(build: (db: Executor) => TPrepared): (db: Executor) => TPrepared {
  const byDatabase = new WeakMap<Executor, TPrepared>();
  return (db) => {
    let prepared = byDatabase.get(db);
    if (prepared === undefined) byDatabase.set(db, (prepared = build(db)));
    return prepared;
  };
}

/** `column = any($name)`: an IN list as one array parameter, so one prepared statement serves every batch size. */
export const isAnyOf = (column: AnyColumn, placeholder: string): SQL => sql`${column} = any(${sql.placeholder(placeholder)})`;

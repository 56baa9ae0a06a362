import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle, QueryObserver } from './database';
import { nameStatements } from './named-statements';

/** A PostgreSQL server through a `pg` pool. */
export async function openPostgresDatabase(url: string, maxConnections = 10, onQuery?: QueryObserver, preparedStatements = 256): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  nameStatements(pool, preparedStatements);
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzle(pool, onQuery ? { logger: { logQuery: onQuery } } : {}) as unknown as Database;
  const handle: DatabaseHandle = {
    driver: 'postgres',
    db,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
  await handle.ping();
  return handle;
}

import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle, QueryObserver } from './database';

/**
 * Embedded PostgreSQL (WASM). One instance serves every subgraph of the embedded process, each in
 * its own Postgres schema; PGlite has one connection, so statements are serialized.
 */
export async function openPgliteDatabase(dataDir?: string, onQuery?: QueryObserver): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
  const db = drizzle(client, onQuery ? { logger: { logQuery: onQuery } } : {}) as unknown as Database;
  return {
    driver: 'pglite',
    db,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

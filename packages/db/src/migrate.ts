import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DatabaseHandle } from './database';

export interface MigrationTarget {
  /** The subgraph's Postgres schema; names its journal table `drizzle.__migrations_<schema>`. */
  schema: string;
  /** Folder written by drizzle-kit generate. */
  migrationsFolder: string;
}

/** Applies a subgraph's pending drizzle-kit migrations; safe to run on every start. */
export async function runMigrations(handle: DatabaseHandle, target: MigrationTarget): Promise<void> {
  const options = {
    migrationsFolder: target.migrationsFolder,
    // Not the subgraph's own schema: its first migration creates that schema and would collide.
    migrationsSchema: 'drizzle',
    migrationsTable: `__migrations_${target.schema}`,
  };
  if (handle.driver === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase, options);
  else await migratePostgres(handle.db as unknown as NodePgDatabase, options);
}

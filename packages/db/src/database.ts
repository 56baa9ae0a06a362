import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';

/** Which PostgreSQL to talk to. Decided once, from validated configuration. */
/** Observes every SQL statement drizzle sends (tests count round trips with it). */
export type QueryObserver = (sql: string, params: unknown[]) => void;

export type DatabaseConfig = (
  | {
      driver: 'pglite';
      /** Directory holding the embedded cluster; omit for an in-memory database (tests). */
      dataDir?: string;
    }
  | {
      driver: 'postgres';
      url: string;
      /** Pool size per process. @default 10 */
      maxConnections?: number;
      /**
       * How many distinct parameterised statements run as named (server-side prepared) statements
       * per pool; 0 turns it off (e.g. behind PgBouncer in transaction mode before 1.21).
       * @default 256
       */
      preparedStatements?: number;
    }
) & { onQuery?: QueryObserver };

/** The drizzle database type both drivers share, so stores are written once. */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** A transaction handle; stores accept `Executor` so they can join a caller's transaction. */
export type Transaction = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;

export type Executor = Database | Transaction;

/** An open connection (PGlite instance or `pg` pool) and the drizzle database on top of it. */
export interface DatabaseHandle {
  readonly driver: DatabaseConfig['driver'];
  readonly db: Database;
  /** Runs a trivial query; throws when the database cannot answer (for `/ready`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

import { z } from 'zod';
import type { DatabaseConfig } from './database';

/**
 * The env fragment every deployable with a database spreads into its schema:
 * `DB_DRIVER=pglite` (+ `PGLITE_DIR`) or `DB_DRIVER=postgres` + `DATABASE_URL`.
 * (Named env.ts because it defines env parsing; it does not read process.env itself.)
 */
export const databaseEnvShape = {
  DB_DRIVER: z.enum(['pglite', 'postgres']).default('pglite'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(256),
  PGLITE_DIR: z.string().optional(),
};

type DatabaseEnv = {
  DB_DRIVER: 'pglite' | 'postgres';
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_SIZE: number;
  DATABASE_PREPARED_STATEMENTS: number;
  PGLITE_DIR?: string | undefined;
};

/** Checks the cross-field rule (postgres needs a URL) and builds the adapter config. */
export function databaseConfigFromEnv(env: DatabaseEnv): DatabaseConfig {
  if (env.DB_DRIVER === 'postgres') {
    if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required when DB_DRIVER=postgres');
    return {
      driver: 'postgres',
      url: env.DATABASE_URL,
      maxConnections: env.DATABASE_POOL_SIZE,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    };
  }
  return { driver: 'pglite', ...(env.PGLITE_DIR ? { dataDir: env.PGLITE_DIR } : {}) };
}

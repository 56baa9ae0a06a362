import { z } from 'zod';

/**
 * Every setting of the router benchmark (the parent run and its child processes) comes from here:
 * the only file of the benchmark that reads the environment.
 */
const positive = (fallback: number) => z.coerce.number().positive().default(fallback);

const schema = z.object({
  BENCH_CONNECTIONS: positive(20),
  BENCH_DURATION: positive(10),
  BENCH_WARMUP: positive(3),
  BENCH_ROUNDS: positive(3),
  BENCH_CPU_PROF: z.string().optional(),
  BENCH_WORKLOAD: z.string().optional(),
  BENCH_LOG_LEVEL: z.string().default('warn'),
  BENCH_DATA_DIR: z.string().optional(),
  BENCH_SUBGRAPH_URLS: z.string().optional(),
  BENCH_HIVE_DEDUP: z.string().optional(),
  BENCH_OURS_DEDUP: z.string().optional(),
  /**
   * `postgres` (services mode's data shape): every subgraph on a database of its own on the test
   * PostgreSQL server (needs `npm run servers:up`). `pglite`: one embedded PGlite inside the
   * subgraphs process, as `npm start` runs them.
   */
  BENCH_SUBGRAPH_DB: z.enum(['pglite', 'postgres']).default('postgres'),
  /** Set by the parent in postgres mode: the database URL of each subgraph. */
  BENCH_DATABASE_URLS: z.string().optional(),
});

export const benchEnv = schema.parse(process.env);

/**
 * What a child process inherits (PATH, NODE_OPTIONS, ...) before its own settings are added.
 * NODE_ENV is production unless set, as services mode and docker-compose run the shop (graphql-js
 * skips its development-only checks then, for every gateway and the subgraphs alike).
 */
export const inheritedEnvironment = (): NodeJS.ProcessEnv => ({ NODE_ENV: 'production', ...process.env });

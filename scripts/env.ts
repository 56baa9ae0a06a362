import { z } from 'zod';
import { flag, list, loadEnvOrExit, logLevel, port } from '@shop/config';

/** `npm start` (embedded mode) settings; everything else is generated under DATA_DIR on first start. */
export const embeddedEnvSchema = z.object({
  DATA_DIR: z.string().default('.data'),
  ROUTER_PORT: port(4000),
  LOG_LEVEL: logLevel.default('warn'),
  /** Fill an empty shop with demo data on first start. */
  SEED_DEMO_DATA: flag(true),
  /** Requests per minute per client; higher than production's default since it is all one machine. */
  ROUTER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
  /** Origins allowed cross-origin besides local ones, e.g. a deployed preview of the front end. */
  CORS_ORIGINS: list.optional(),
  CORS_CREDENTIALS: flag(false),
  /** Any http://localhost:* / 127.0.0.1:* front end may call the endpoint (it is all one machine). */
  CORS_LOCAL_ORIGINS: flag(true),
});

export type EmbeddedEnv = z.output<typeof embeddedEnvSchema>;

/** The CORS policy of `npm start`: local front ends plus `CORS_ORIGINS`. */
export const embeddedCors = (env: EmbeddedEnv) => ({
  origins: env.CORS_ORIGINS ?? [],
  credentials: env.CORS_CREDENTIALS,
  localOrigins: env.CORS_LOCAL_ORIGINS,
});

export const loadEmbeddedEnv = () => loadEnvOrExit(embeddedEnvSchema, process.env);

/** `npm run migrate`: one PostgreSQL for every subgraph (each in its own schema), or one per subgraph. */
export const migrateEnvSchema = z
  .object({ DATABASE_URL: z.string().url().optional() })
  .catchall(z.string());

export const loadMigrateEnv = () => loadEnvOrExit(migrateEnvSchema, process.env);

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
export const migrateEnvSchema = z.object({ DATABASE_URL: z.string().url().optional() }).catchall(z.string());

export const loadMigrateEnv = () => loadEnvOrExit(migrateEnvSchema, process.env);

/**
 * `npm run start:services`: the shop as separate processes on real servers. Without the URLs it
 * uses the local servers of `npm run servers:up` (database `shop_services`, created if missing).
 */
export const servicesEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  KAFKA_BROKERS: list.optional(),
  REDIS_URL: z.string().url().optional(),
  MONGO_URL: z.string().optional(),
  SMTP_URL: z.string().url().optional(),
  /** Processes per subgraph, e.g. `orders=2,inventory=2,payments=2`, or `2` for every saga participant and orders. */
  SERVICES_REPLICAS: z
    .string()
    .regex(/^(\d+|[a-z]+=\d+(,[a-z]+=\d+)*)$/, 'a number, or name=count pairs separated by commas')
    .optional(),
  SERVICES_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('shop'),
  ROUTER_PORT: port(4000),
  ROUTER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
  ADMIN_EMAIL: z.email().default('admin@shop.local'),
  ADMIN_PASSWORD: z.string().min(10).default('services-admin-2026'),
  LOG_LEVEL: logLevel.default('warn'),
  TEST_POSTGRES_URL: z.string().default('postgres://shop:shop@127.0.0.1:54329/shop_test'),
  TEST_KAFKA_BROKERS: z.string().default('127.0.0.1:19092'),
  TEST_REDIS_URL: z.string().default('redis://127.0.0.1:63799'),
});

export type ServicesEnv = z.output<typeof servicesEnvSchema>;

export const loadServicesEnv = () => loadEnvOrExit(servicesEnvSchema, process.env);

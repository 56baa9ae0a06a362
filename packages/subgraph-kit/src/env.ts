import { z } from 'zod';
import { loadEnvOrExit, logLevel, pem, port } from '@shop/config';
import { databaseEnvShape } from '@shop/db';
import { eventsEnvShape } from '@shop/events';

/**
 * Settings every subgraph process shares in services mode; a subgraph with settings of its own
 * spreads this shape into its schema in its own env.ts.
 */
export const platformEnvShape = {
  PORT: port(4001),
  /** @default 127.0.0.1: subgraphs belong on the internal network; containers use 0.0.0.0. */
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  ...databaseEnvShape,
  ...eventsEnvShape,
  CACHE_DRIVER: z.enum(['memory', 'redis']).default('memory'),
  REDIS_URL: z.string().optional(),
  /** PEM public key matching the router's INTERNAL_TOKEN_PRIVATE_KEY. */
  INTERNAL_TOKEN_PUBLIC_KEY: pem,
};

export const platformEnvSchema = z.object(platformEnvShape);
export type PlatformEnv = z.output<typeof platformEnvSchema>;

/** For subgraphs without settings of their own. */
export const loadPlatformEnv = (): PlatformEnv => loadEnvOrExit(platformEnvSchema, process.env);

/** Re-exported so a subgraph's `env.ts` needs no dependency of its own on @shop/config. */
export { loadEnvOrExit };

import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import { DEFAULT_CACHE_TTL_SECONDS, type SearchConfig } from './subgraph';

/** The search subgraph's configuration (services mode). Every variable is documented in the README. */
export const searchEnvSchema = z.object({
  ...platformEnvShape,
  /** Seconds a cached search result lives; index changes invalidate earlier anyway. */
  SEARCH_CACHE_TTL_SECONDS: z.coerce.number().positive().max(3600).default(DEFAULT_CACHE_TTL_SECONDS),
});

export type SearchEnv = z.output<typeof searchEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadSearchEnv = (): SearchEnv => loadEnvOrExit(searchEnvSchema, process.env);

export const searchConfigFromEnv = (env: SearchEnv): SearchConfig => ({ cacheTtlSeconds: env.SEARCH_CACHE_TTL_SECONDS });

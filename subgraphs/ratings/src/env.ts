import { z } from 'zod';
import { loadEnvOrExit, platformEnvShape } from '@shop/subgraph-kit';
import type { RatingsConfig } from './subgraph';

/** The ratings subgraph's configuration (services mode): the platform variables only, for now (see the root README). */
export const ratingsEnvSchema = z.object({ ...platformEnvShape });

export type RatingsEnv = z.output<typeof ratingsEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadRatingsEnv = (): RatingsEnv => loadEnvOrExit(ratingsEnvSchema, process.env);

export const ratingsConfigFromEnv = (_env: RatingsEnv): RatingsConfig => ({});

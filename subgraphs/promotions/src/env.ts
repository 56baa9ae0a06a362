import { z } from 'zod';
import { loadEnvOrExit, platformEnvShape } from '@shop/subgraph-kit';
import type { PromotionsConfig } from './subgraph';

/** The promotions subgraph's configuration (services mode): the platform variables only, for now (see the root README). */
export const promotionsEnvSchema = z.object({ ...platformEnvShape });

export type PromotionsEnv = z.output<typeof promotionsEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadPromotionsEnv = (): PromotionsEnv => loadEnvOrExit(promotionsEnvSchema, process.env);

export const promotionsConfigFromEnv = (_env: PromotionsEnv): PromotionsConfig => ({});

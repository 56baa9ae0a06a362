import { z } from 'zod';
import { loadEnvOrExit, platformEnvShape } from '@shop/subgraph-kit';
import type { TaxConfig } from './subgraph';

/** The tax subgraph's configuration (services mode): the platform variables only, for now (see the root README). */
export const taxEnvSchema = z.object({ ...platformEnvShape });

export type TaxEnv = z.output<typeof taxEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadTaxEnv = (): TaxEnv => loadEnvOrExit(taxEnvSchema, process.env);

export const taxConfigFromEnv = (_env: TaxEnv): TaxConfig => ({});

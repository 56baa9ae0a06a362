import { z } from 'zod';
import { loadEnvOrExit, platformEnvShape } from '@shop/subgraph-kit';
import type { ShippingConfig } from './subgraph';

/** The shipping subgraph's configuration (services mode): the platform variables only, for now (see the root README). */
export const shippingEnvSchema = z.object({ ...platformEnvShape });

export type ShippingEnv = z.output<typeof shippingEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadShippingEnv = (): ShippingEnv => loadEnvOrExit(shippingEnvSchema, process.env);

export const shippingConfigFromEnv = (_env: ShippingEnv): ShippingConfig => ({});

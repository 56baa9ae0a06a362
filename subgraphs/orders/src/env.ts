import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import type { OrdersConfig } from './subgraph';

/** The orders subgraph's configuration (services mode): the platform variables only, for now. */
export const ordersEnvSchema = z.object({ ...platformEnvShape });

export type OrdersEnv = z.output<typeof ordersEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadOrdersEnv = (): OrdersEnv => loadEnvOrExit(ordersEnvSchema, process.env);

export const ordersConfigFromEnv = (_env: OrdersEnv): OrdersConfig => ({});

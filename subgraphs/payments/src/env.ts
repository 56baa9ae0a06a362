import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import type { PaymentsConfig } from './subgraph';

/** The payments subgraph's configuration (services mode). Every variable is documented in the README. */
export const paymentsEnvSchema = z.object({
  ...platformEnvShape,
  /** The payment provider adapter; only `simulated` (test cards, no network) exists so far. */
  PAYMENT_PROVIDER: z.enum(['simulated']).default('simulated'),
});

export type PaymentsEnv = z.output<typeof paymentsEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadPaymentsEnv = (): PaymentsEnv => loadEnvOrExit(paymentsEnvSchema, process.env);

export const paymentsConfigFromEnv = (env: PaymentsEnv): PaymentsConfig => ({ provider: env.PAYMENT_PROVIDER });

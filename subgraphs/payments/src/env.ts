import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import type { PaymentsConfig } from './subgraph';

/** The payments subgraph's configuration (services mode). Every variable is documented in the README. */
export const paymentsEnvSchema = z.object({
  ...platformEnvShape,
  /** The payment provider adapter; only `simulated` (test cards, no network) exists so far. */
  PAYMENT_PROVIDER: z.enum(['simulated']).default('simulated'),
  /** Calls of one saga payment step (first included) while the processor answers a transient PROCESSOR_ERROR. */
  PAYMENT_PROCESSOR_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Milliseconds before the first retry of such a step; doubled for each further retry. */
  PAYMENT_PROCESSOR_BACKOFF_MS: z.coerce.number().int().min(0).max(5_000).default(200),
});

export type PaymentsEnv = z.output<typeof paymentsEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadPaymentsEnv = (): PaymentsEnv => loadEnvOrExit(paymentsEnvSchema, process.env);

export const paymentsConfigFromEnv = (env: PaymentsEnv): PaymentsConfig => ({
  provider: env.PAYMENT_PROVIDER,
  processorRetry: { attempts: env.PAYMENT_PROCESSOR_ATTEMPTS, backoffMs: env.PAYMENT_PROCESSOR_BACKOFF_MS },
});

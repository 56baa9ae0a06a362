import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import { DEFAULT_RESERVATION_TTL_SECONDS } from './inventory';
import { MAX_TTL_SECONDS } from './services/reservation-input';
import type { InventoryConfig } from './subgraph';

/** The inventory subgraph's configuration (services mode). Every variable is documented in the README. */
export const inventoryEnvSchema = z.object({
  ...platformEnvShape,
  /** Milliseconds between sweeps for expired reservations; 0 turns sweeping off. */
  RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /** Seconds the checkout saga holds an order's units before the sweeper may release them. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(1).max(MAX_TTL_SECONDS).default(DEFAULT_RESERVATION_TTL_SECONDS),
});

export type InventoryEnv = z.output<typeof inventoryEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadInventoryEnv = (): InventoryEnv => loadEnvOrExit(inventoryEnvSchema, process.env);

export const inventoryConfigFromEnv = (env: InventoryEnv): InventoryConfig => ({
  reservationSweepIntervalMs: env.RESERVATION_SWEEP_INTERVAL_MS,
  reservationTtlSeconds: env.RESERVATION_TTL_SECONDS,
});

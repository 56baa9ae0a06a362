import { z } from 'zod';
import { flag, loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import type { OrdersConfig } from './subgraph';

/** The orders subgraph's configuration (services mode). */
export const ordersEnvSchema = z.object({
  ...platformEnvShape,
  /** Days after delivery within which a return may be requested. */
  ORDERS_RETURN_WINDOW_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** `true`: publish `order.status-changed` to `shop.orders` for readers outside the shop. */
  ORDERS_PUBLISH_STATUS_CHANGES: flag(false),
});

export type OrdersEnv = z.output<typeof ordersEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadOrdersEnv = (): OrdersEnv => loadEnvOrExit(ordersEnvSchema, process.env);

export const ordersConfigFromEnv = (env: OrdersEnv): OrdersConfig => ({
  returnWindowDays: env.ORDERS_RETURN_WINDOW_DAYS,
  publishStatusChanges: env.ORDERS_PUBLISH_STATUS_CHANGES,
});

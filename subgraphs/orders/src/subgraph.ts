import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import { startOutboxRelay } from '@shop/events';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { consumeProductEvents } from './events/product-events.consumer';
import { consumePromotionEvents } from './events/promotion-events.consumer';
import { consumeShippingRateEvents } from './events/shipping-rate-events.consumer';
import { consumeUserEvents } from './events/user-events.consumer';
import { consumeSagaReplies } from './saga/saga-replies.consumer';
import { createOrders } from './orders';
import { resolvers } from './resolvers';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'orders',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

export interface OrdersConfig {
  /**
   * Days after delivery within which a customer may request a return (0: only on the day of
   * delivery, within 24 hours). @default 30
   */
  returnWindowDays?: number;
  /**
   * Publish `order.status-changed` to `shop.orders` on every status change, for readers outside
   * the shop (an ERP, a data warehouse). No subgraph reads it (live subscriptions are pushed from
   * orders' own feed), so it is off unless something does: each order's six status changes cost
   * six Kafka deliveries. @default false
   */
  publishStatusChanges?: boolean;
}

/**
 * Wires stores -> services -> resolvers, the outbox relay, the product-, promotion-, shipping-rate- and user-events consumers and the
 * saga orchestrator (participants' answers on their topics); `stop()` stops them on shutdown.
 */
async function create(config: OrdersConfig, { database, transport, pubsub, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const orders = createOrders(database.db, {
    pubsub,
    wake: () => relay.wake(),
    logger,
    ...(config.returnWindowDays !== undefined ? { returnWindowDays: config.returnWindowDays } : {}),
    publishStatusChanges: config.publishStatusChanges ?? false,
  });
  const products = await consumeProductEvents(database.db, transport, orders.stores.products, orders.stores.variants);
  const coupons = await consumePromotionEvents(database.db, transport, orders.stores.coupons);
  const shippingRates = await consumeShippingRateEvents(database.db, transport, orders.stores.shippingRates, orders.stores.carts);
  const users = await consumeUserEvents(database.db, transport, orders.stores.verifiedEmails);
  const saga = await consumeSagaReplies(database.db, transport, orders.saga, logger);
  return {
    resolvers: resolvers(orders),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await Promise.all([products.stop(), coupons.stop(), shippingRates.stop(), users.stop(), saga.stop()]);
      await relay.stop();
    },
  };
}

/** The orders subgraph: carts, orders and the checkout saga that drives them. */
export const ordersModule: SubgraphModule<OrdersConfig> = { name: 'orders', typeDefs, migrations, create };

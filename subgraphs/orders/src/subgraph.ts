import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { consumeProductEvents } from './events/product-events.consumer';
import { createOrders } from './orders';
import { resolvers } from './resolvers';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'orders',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/** Orders needs no configuration of its own yet. */
export type OrdersConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers and starts the product-events consumer; the caller starts
 * the HTTP server and calls `stop()` on shutdown. Nothing is published yet, so no outbox relay runs.
 */
async function create(_config: OrdersConfig, { database, transport }: SubgraphPlatform) {
  const orders = createOrders(database.db);
  const subscription = await consumeProductEvents(database.db, transport, orders.stores.products);
  return {
    resolvers: resolvers(orders),
    readiness: { database: () => database.ping() },
    stop: () => subscription.stop(),
  };
}

/** The orders subgraph: shopping carts now; orders and the checkout saga next. */
export const ordersModule: SubgraphModule<OrdersConfig> = { name: 'orders', typeDefs, migrations, create };

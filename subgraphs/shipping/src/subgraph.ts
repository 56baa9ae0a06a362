import { startOutboxRelay } from '@shop/events';
import { subgraphSources, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { consumeOrderSaga } from './events/order-saga.consumer';
import { resolvers } from './resolvers';
import { createShipping } from './shipping';

const { typeDefs, migrations } = subgraphSources('shipping', import.meta.url);

/** Shipping needs nothing beyond the platform. */
export type ShippingConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay and the saga consumer (group
 * `shipping-saga`); the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: ShippingConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const shipping = createShipping(database.db, () => relay.wake());
  const subscription = await consumeOrderSaga({ db: database.db, transport, saga: shipping.saga, afterCommit: () => relay.wake() });
  return {
    resolvers: resolvers(shipping),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await subscription.stop();
      await relay.stop();
    },
  };
}

/** The shipping subgraph: shipping rates and quotes, shipments and their tracking, shipping's saga steps. */
export const shippingModule: SubgraphModule<ShippingConfig> = { name: 'shipping', typeDefs, migrations, create };

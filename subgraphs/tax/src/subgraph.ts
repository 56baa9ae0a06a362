import { startOutboxRelay } from '@shop/events';
import { subgraphSources, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { consumeOrderSaga } from './events/order-saga.consumer';
import { resolvers } from './resolvers';
import { createTax } from './tax';

const { typeDefs, migrations } = subgraphSources('tax', import.meta.url);

/** Tax needs nothing beyond the platform. */
export type TaxConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay and the checkout saga's consumer;
 * the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: TaxConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const { services } = createTax(database.db, () => relay.wake());
  const saga = await consumeOrderSaga({ db: database.db, transport, saga: services.orders, afterCommit: () => relay.wake() });
  return {
    resolvers: resolvers(services),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await saga.stop();
      await relay.stop();
    },
  };
}

/** The tax subgraph: tax rates and the one calculation that turns them into tax. */
export const taxModule: SubgraphModule<TaxConfig> = { name: 'tax', typeDefs, migrations, create };

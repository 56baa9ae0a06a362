import { startOutboxRelay } from '@shop/events';
import { subgraphSources, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { consumeOrderSaga } from './events/order-saga.consumer';
import { consumeProductEvents } from './events/product-events.consumer';
import { createPromotions } from './promotions';
import { resolvers } from './resolvers';

const { typeDefs, migrations } = subgraphSources('promotions', import.meta.url);

/** Promotions needs nothing beyond the platform. */
export type PromotionsConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay, the product-events consumer and
 * the checkout saga's consumer; the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: PromotionsConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const wake = () => relay.wake();
  const { stores, services } = createPromotions(database.db, wake);
  const productEvents = await consumeProductEvents({ db: database.db, transport, known: stores.known, categories: stores.categories });
  const saga = await consumeOrderSaga({ transport, db: database.db, saga: services.discounts, logger, afterCommit: wake });
  return {
    resolvers: resolvers(services),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await saga.stop();
      await productEvents.stop();
      await relay.stop();
    },
  };
}

/** The promotions subgraph: discounts, coupons, sale prices and the engine that computes them. */
export const promotionsModule: SubgraphModule<PromotionsConfig> = { name: 'promotions', typeDefs, migrations, create };

import { startOutboxRelay } from '@shop/events';
import { subgraphSources, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { inbox, outbox, outboxLease } from './db/schema';
import { consumeProductEvents } from './events/product-events.consumer';
import { createRatings } from './ratings';
import { resolvers } from './resolvers';

const { typeDefs, migrations } = subgraphSources('ratings', import.meta.url);

/** Ratings needs nothing beyond the platform (database, transport). */
export type RatingsConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay and the product-events consumer;
 * the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: RatingsConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const ratings = createRatings(database.db, () => relay.wake());
  const subscription = await consumeProductEvents({ db: database.db, inbox, transport, products: ratings.stores.products });
  return {
    resolvers: resolvers(ratings.services),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await subscription.stop();
      await relay.stop();
    },
  };
}

/** The ratings subgraph: reviews, and each product's rating summary. */
export const ratingsModule: SubgraphModule<RatingsConfig> = { name: 'ratings', typeDefs, migrations, create };

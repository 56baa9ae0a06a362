import { startOutboxRelay } from '@shop/events';
import { subgraphSources, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { consumeProductEvents } from './events/product-events.consumer';
import { wishlistEvents } from './events/wishlist-events';
import { createFavourites } from './favourites';
import { resolvers } from './resolvers';

const { typeDefs, migrations } = subgraphSources('favourites', import.meta.url);

/** Favourites needs nothing beyond the platform. */
export type FavouritesConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay and the product-events consumer;
 * the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: FavouritesConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const { stores, services } = createFavourites(database.db, () => relay.wake());
  const subscription = await consumeProductEvents({
    db: database.db,
    transport,
    known: stores.known,
    items: stores.items,
    events: wishlistEvents,
    afterCommit: () => relay.wake(),
  });
  return {
    resolvers: resolvers(services),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await subscription.stop();
      await relay.stop();
    },
  };
}

/** The favourites subgraph: shoppers' wishlists and how often each product is wished for. */
export const favouritesModule: SubgraphModule<FavouritesConfig> = { name: 'favourites', typeDefs, migrations, create };

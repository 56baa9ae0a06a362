import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { transactor, type MigrationTarget } from '@shop/db';
import { startOutboxRelay } from '@shop/events';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { inbox, outbox } from './db/schema';
import { consumeProductEvents } from './events/product-events.consumer';
import { resolvers } from './resolvers';
import { ReviewReader } from './services/review-reader.service';
import { ReviewService } from './services/review.service';
import { KnownProductStore } from './stores/known-product.store';
import { ReviewStore } from './stores/review.store';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'ratings',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/** Ratings needs nothing beyond the platform (database, transport). */
export type RatingsConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay and the product-events consumer;
 * the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(_config: RatingsConfig, { database, transport, logger }: SubgraphPlatform) {
  const reviewStore = new ReviewStore(database.db);
  const productStore = new KnownProductStore(database.db);
  const relay = startOutboxRelay({ db: database.db, outbox, transport, logger });
  const transact = transactor(database.db, () => relay.wake());
  const subscription = await consumeProductEvents({ db: database.db, inbox, transport, products: productStore });
  return {
    resolvers: resolvers({
      reader: new ReviewReader(reviewStore, productStore),
      reviews: new ReviewService(reviewStore, productStore, outbox, transact),
    }),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await subscription.stop();
      await relay.stop();
    },
  };
}

/** The ratings subgraph: reviews, and each product's rating summary. */
export const ratingsModule: SubgraphModule<RatingsConfig> = { name: 'ratings', typeDefs, migrations, create };

import { subgraphSources, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { consumeIndexEvents } from './events/index-events.consumer';
import { resolvers } from './resolvers';
import { createSearch } from './search';

const { typeDefs, migrations } = subgraphSources('search', import.meta.url);

export interface SearchConfig {
  /**
   * How long a search result stays in the cache. Any index change invalidates every cached
   * result at once, so this only bounds memory and the rare missed invalidation.
   * @default 30
   */
  cacheTtlSeconds?: number;
}

export const DEFAULT_CACHE_TTL_SECONDS = 30;

/**
 * Wires stores -> services -> resolvers and starts the consumer that feeds the index from
 * product, stock and rating events; the caller starts the HTTP server and calls `stop()`.
 */
async function create(config: SearchConfig, { database, transport, cache, logger }: SubgraphPlatform) {
  const { stores, services } = createSearch(database.db, cache, config.cacheTtlSeconds ?? DEFAULT_CACHE_TTL_SECONDS);
  const subscription = await consumeIndexEvents({
    db: database.db,
    transport,
    documents: stores.documents,
    categories: stores.categories,
    afterChange: () => services.results.invalidate(),
    logger,
  });
  return {
    resolvers: resolvers({ search: services.search }),
    readiness: { database: () => database.ping() },
    stop: () => subscription.stop(),
  };
}

/** The search subgraph: a full-text, typo-tolerant product index fed by catalog, stock and rating events. */
export const searchModule: SubgraphModule<SearchConfig> = { name: 'search', typeDefs, migrations, create };

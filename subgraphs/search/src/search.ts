import type { Cache } from '@shop/cache';
import type { Database } from '@shop/db';
import { CategoryReplica } from '@shop/events';
import { categories as categoryTable } from './db/schema';
import { ResultCache } from './services/result-cache';
import { SearchService } from './services/search.service';
import { DocumentStore } from './stores/document.store';
import { SearchStore } from './stores/search.store';

/** Stores and services on one database and cache; the subgraph and its tests build the same graph. */
export function createSearch(db: Database, cache: Cache, cacheTtlSeconds: number) {
  const stores = { search: new SearchStore(db), documents: new DocumentStore(), categories: new CategoryReplica(categoryTable) };
  const { categories } = stores;
  const results = new ResultCache(cache, cacheTtlSeconds);
  const services = {
    results,
    search: new SearchService(stores.search, results, async (ids, slugs) => {
      // A category means it and every category below it, as products' own filter does.
      const resolved = await categories.resolve(db, ids, slugs);
      return 'ids' in resolved ? { ids: await categories.withDescendants(db, resolved.ids) } : resolved;
    }),
  };
  return { stores, services };
}

export type Search = ReturnType<typeof createSearch>;

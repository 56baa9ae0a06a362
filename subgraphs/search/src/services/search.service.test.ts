import { describe, expect, it } from 'vitest';
import { MemoryCache } from '@shop/cache';
import type { SearchRows, SearchStore } from '../stores/search.store';
import { encodeCursor } from './search-cursor';
import { normalizeSearch } from './search-input';
import type { PageRequest, SearchQuery } from './search-query';
import { ResultCache } from './result-cache';
import { SearchService } from './search.service';

/** A store answering `limit + 1` hits from any offset, recording what it was asked. */
function fakeStore(asked: PageRequest[]): SearchStore {
  return {
    search: async (_query: SearchQuery, page: PageRequest): Promise<SearchRows> => {
      asked.push(page);
      const start = page.after && 'offset' in page.after ? page.after.offset : 0;
      const hits = Array.from({ length: page.limit + 1 }, (_, i) => ({ productId: `p${start + i}`, score: 1, key: null }));
      return { hits, total: 5000, categories: [], priceCounts: [0, 0, 0, 0, 0, 0, 0], ratingCounts: [0, 0, 0, 0], inStock: 0, options: [] };
    },
  } as unknown as SearchStore;
}

const noCategories = async () => ({ ids: [] });

describe('search service', () => {
  it('stops RELEVANCE at 1000 results: the last page is cut short and has no next page', async () => {
    const asked: PageRequest[] = [];
    const service = new SearchService(fakeStore(asked), new ResultCache(new MemoryCache({ keyPrefix: 'search' }), 30), noCategories);
    const after = encodeCursor(normalizeSearch({ text: 'jacket' }), { offset: 990 });
    const page = await service.search({ text: 'jacket', first: 20, after });
    expect(asked).toEqual([{ limit: 10, after: { offset: 990 } }]);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(Array.from({ length: 10 }, (_, i) => `p${990 + i}`));
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(page.totalCount).toBe(5000);
  });

  it('answers the same search from the cache', async () => {
    const asked: PageRequest[] = [];
    const service = new SearchService(fakeStore(asked), new ResultCache(new MemoryCache({ keyPrefix: 'search' }), 30), noCategories);
    const first = await service.search({ text: ' jacket ', first: 2 });
    expect(await service.search({ text: 'jacket', first: 2, sort: 'RELEVANCE' })).toEqual(first);
    expect(asked).toHaveLength(1);
  });
});

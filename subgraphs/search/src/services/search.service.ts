import { createHash } from 'node:crypto';
import { badUserInput } from '@shop/subgraph-kit';
import type { SearchRows, SearchStore } from '../stores/search.store';
import { decodeCursor, encodeCursor } from './search-cursor';
import { categorySlugs, normalizeSearch, pageSize, type SearchArgs } from './search-input';
import { MAX_RELEVANCE_DEPTH, PRICE_BUCKET_EDGES, RATING_FACET_STEPS, type Position, type SearchQuery } from './search-query';
import type { ResultCache } from './result-cache';

export interface SearchResult {
  edges: Array<{ cursor: string; node: { id: string }; score: number | null }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
  facets: {
    categories: Array<{ categoryId: string; count: number }>;
    priceBuckets: Array<{ min: number; max: number | null; count: number }>;
    ratings: Array<{ minRating: number; count: number }>;
    inStock: number;
    options: Array<{ option: string; values: Array<{ value: string; count: number }> }>;
  };
}

function facets(rows: SearchRows): SearchResult['facets'] {
  return {
    categories: rows.categories,
    priceBuckets: PRICE_BUCKET_EDGES.map((min, i) => ({ min, max: PRICE_BUCKET_EDGES[i + 1] ?? null, count: rows.priceCounts[i] ?? 0 })),
    ratings: RATING_FACET_STEPS.map((minRating, i) => ({ minRating, count: rows.ratingCounts[i] ?? 0 })),
    inStock: rows.inStock,
    options: rows.options,
  };
}

/**
 * Validates a search, answers it from the result cache when it can, else runs it (one SQL
 * statement) and caches the whole page, facets included.
 */
export class SearchService {
  constructor(
    private readonly store: SearchStore,
    private readonly cache: ResultCache,
    /** The ids these category ids and slugs name, or which are unknown (CategoryReplica.resolve). */
    private readonly categories: (
      ids: readonly string[],
      slugs: readonly string[],
    ) => Promise<{ ids: string[] } | { unknownIds: string[]; unknownSlugs: string[] }>,
  ) {}

  async search(args: SearchArgs): Promise<SearchResult> {
    const query = await this.withCategories(normalizeSearch(args), categorySlugs(args));
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, query);
    const hash = createHash('sha256').update(JSON.stringify({ query, first, after })).digest('base64url');
    const cached = await this.cache.get(hash);
    if (cached.value !== null) return JSON.parse(cached.value) as SearchResult;
    const result = await this.run(query, first, after);
    await this.cache.set(cached.key, JSON.stringify(result));
    return result;
  }

  /**
   * The filter's category ids, each checked against the catalog's categories, with the ids of the
   * slugs it names: an unknown one is BAD_USER_INPUT, never a silently empty result.
   */
  private async withCategories(query: SearchQuery, slugs: readonly string[]): Promise<SearchQuery> {
    const ids = query.filter.categoryIds;
    if (ids.length === 0 && slugs.length === 0) return query;
    const resolved = await this.categories(ids, slugs);
    if ('ids' in resolved) return { ...query, filter: { ...query.filter, categoryIds: resolved.ids } };
    const quoted = (values: string[]) => values.map((value) => JSON.stringify(value)).join(', ');
    if (resolved.unknownIds.length > 0) throw badUserInput(`No category has the id ${quoted(resolved.unknownIds)}`, { argument: 'filter.categoryIds' });
    throw badUserInput(`No category has the slug ${quoted(resolved.unknownSlugs)}`, { argument: 'filter.categorySlugs' });
  }

  private async run(query: SearchQuery, first: number, after: Position | null): Promise<SearchResult> {
    // RELEVANCE pages by offset inside a bounded window; the other sorts page by keyset.
    const offset = after && 'offset' in after ? after.offset : null;
    const limit = query.sort === 'RELEVANCE' ? Math.min(first, MAX_RELEVANCE_DEPTH - (offset ?? 0)) : first;
    const rows = await this.store.search(query, { limit, after });
    const page = rows.hits.slice(0, limit);
    const edges = page.map((hit, i) => ({
      cursor: encodeCursor(query, hit.key === null ? { offset: (offset ?? 0) + i + 1 } : { key: hit.key }),
      node: { id: hit.productId },
      score: hit.score,
    }));
    const windowLeft = query.sort !== 'RELEVANCE' || (offset ?? 0) + limit < MAX_RELEVANCE_DEPTH;
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.hits.length > limit && windowLeft,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: rows.total,
      facets: facets(rows),
    };
  }
}

import { z } from 'zod';
import type { Executor } from '@shop/db';
import type { PageRequest, SearchQuery } from '../services/search-query';
import { searchStatement } from './search-sql';

const count = z.number().int().min(0);
const searchRow = z.object({
  total: count,
  hits: z.array(z.object({ id: z.string(), score: z.number().nullable(), key: z.array(z.union([z.number(), z.string()])).nullable() })),
  categories: z.array(z.object({ categoryId: z.string(), count })),
  price_counts: z.array(count),
  rating_counts: z.array(count),
  in_stock: count,
  options: z.array(z.object({ option: z.string(), values: z.array(z.object({ value: z.string(), count })) })),
});

export interface SearchHit {
  productId: string;
  score: number | null;
  /** The row's sort key (keyset sorts); null for RELEVANCE, which pages by offset. */
  key: Array<number | string> | null;
}

export interface SearchRows {
  /** Up to `limit + 1` hits in order; an extra one means more follow. */
  hits: SearchHit[];
  total: number;
  categories: Array<{ categoryId: string; count: number }>;
  /** One count per PRICE_BUCKET_EDGES entry. */
  priceCounts: number[];
  /** One count per RATING_FACET_STEPS entry. */
  ratingCounts: number[];
  inStock: number;
  /** Per option name (sorted), its values with how many matching products have them. */
  options: Array<{ option: string; values: Array<{ value: string; count: number }> }>;
}

/** Reads the search index; one statement per search (page, total and facets together). */
export class SearchStore {
  constructor(private readonly db: Executor) {}

  async search(query: SearchQuery, page: PageRequest): Promise<SearchRows> {
    const result = await this.db.execute(searchStatement(query, page.limit, page.after));
    const row = searchRow.parse((result as unknown as { rows: unknown[] }).rows[0]);
    return {
      hits: row.hits.map((hit) => ({ productId: hit.id, score: hit.score, key: hit.key })),
      total: row.total,
      categories: row.categories,
      priceCounts: row.price_counts,
      ratingCounts: row.rating_counts,
      inStock: row.in_stock,
      options: row.options,
    };
  }
}

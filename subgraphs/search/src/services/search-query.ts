/** A search as the store runs it: validated and normalized, so equal searches look equal. */
export type SearchSortKey = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST' | 'RATING';

/** One option a matching variant must have one of the values of; values sorted and de-duplicated. */
export interface OptionFilterQuery {
  name: string;
  values: string[];
}

export interface SearchFilterQuery {
  /** Sorted and de-duplicated; empty = no category filter. */
  categoryIds: string[];
  /** Sorted by name, names distinct; empty = no option filter. A product needs ONE published variant meeting all of them (and the price range). */
  options: OptionFilterQuery[];
  minPrice: number | null;
  maxPrice: number | null;
  currency: string | null;
  inStock: boolean | null;
  minRating: number | null;
}

export interface SearchQuery {
  /** Trimmed, inner whitespace collapsed; '' browses. */
  text: string;
  filter: SearchFilterQuery;
  sort: SearchSortKey;
}

/** Where a page starts: an offset (RELEVANCE) or the sort key of the last row seen (other sorts). */
export type Position = { offset: number } | { key: Array<number | string> };

export interface PageRequest {
  /** Rows to return. */
  limit: number;
  after: Position | null;
}

/** Fixed price-facet edges in minor units: bucket i is [edges[i], edges[i+1]), the last is open. */
export const PRICE_BUCKET_EDGES = [0, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000] as const;

/** The "& up" thresholds of the rating facet, in the order they are listed. */
export const RATING_FACET_STEPS = [4, 3, 2, 1] as const;

/** RELEVANCE pages by offset; results past this position are not reachable. */
export const MAX_RELEVANCE_DEPTH = 1_000;

/** Values listed per option in the option facets, most matches first. */
export const MAX_OPTION_FACET_VALUES = 100;

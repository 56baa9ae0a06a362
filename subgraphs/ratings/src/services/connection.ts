import { badUserInput } from '@shop/subgraph-kit';
import type { ReviewOrder } from '../stores/review-order';
import type { PageQuery, ReviewRecord } from '../stores/review.store';
import { decodeCursor, encodeCursor } from './cursor';

export const MAX_PAGE_SIZE = 100;

/** What `ReviewConnection` resolves from; the total is only counted when a client asks for it. */
export interface ReviewConnectionModel {
  edges: Array<{ cursor: string; node: ReviewRecord }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  sort?: ReviewOrder | null;
}

/** Validates the arguments of a reviews field; asks the store for one row more than the page to learn whether more follow. */
export function pageQuery(args: PageArgs): PageQuery & { first: number } {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  const order = args.sort ?? 'NEWEST';
  const after = args.after == null ? null : decodeCursor(order, args.after);
  return { order, after, limit: first + 1, first };
}

export function toConnection(rows: ReviewRecord[], page: PageQuery & { first: number }, totalCount: () => Promise<number>): ReviewConnectionModel {
  const edges = rows.slice(0, page.first).map((node) => ({ cursor: encodeCursor(page.order, node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      // Forward-only pagination: anything after a cursor has at least that review before it.
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

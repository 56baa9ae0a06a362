import { pageSize, toConnection, type Connection } from '@shop/subgraph-kit';
import type { ReviewOrder } from '../stores/review-order';
import type { PageQuery, ReviewRecord } from '../stores/review.store';
import { decodeCursor, encodeCursor } from './cursor';

/** What `ReviewConnection` resolves from; the total is only counted when a client asks for it. */
export type ReviewConnectionModel = Connection<ReviewRecord, () => Promise<number>>;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  sort?: ReviewOrder | null;
}

/** Validates the arguments of a reviews field; asks the store for one row more than the page to learn whether more follow. */
export function pageQuery(args: PageArgs): PageQuery & { first: number } {
  const first = pageSize(args.first);
  const order = args.sort ?? 'NEWEST';
  const after = args.after == null ? null : decodeCursor(order, args.after);
  return { order, after, limit: first + 1, first };
}

/** Forward-only pagination: anything after a cursor has at least that review before it. */
export const reviewConnection = (rows: ReviewRecord[], page: PageQuery & { first: number }, totalCount: () => Promise<number>): ReviewConnectionModel =>
  toConnection(rows, page.first, totalCount, page.after !== null, (node) => encodeCursor(page.order, node));

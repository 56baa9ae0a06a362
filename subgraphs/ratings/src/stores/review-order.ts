import { and, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { reviews } from '../db/schema';

/** The orders reviews can be listed in (mirrors the schema's `ReviewSort`). */
export type ReviewOrder = 'NEWEST' | 'OLDEST' | 'HIGHEST_RATING' | 'LOWEST_RATING';

/** Where a review sits in every order: its rating and its unique insertion sequence. */
export interface ReviewPosition {
  rating: number;
  seq: number;
}

type Key = { column: typeof reviews.rating | typeof reviews.seq; field: keyof ReviewPosition; descending: boolean };

const rating = (descending: boolean): Key => ({ column: reviews.rating, field: 'rating', descending });
const seq = (descending: boolean): Key => ({ column: reviews.seq, field: 'seq', descending });

/** Every order ends on `seq`, which is unique, so keyset pagination never skips or repeats a review. */
const orderKeys: Record<ReviewOrder, Key[]> = {
  NEWEST: [seq(true)],
  OLDEST: [seq(false)],
  HIGHEST_RATING: [rating(true), seq(true)],
  LOWEST_RATING: [rating(false), seq(true)],
};

export function orderBySql(order: ReviewOrder): SQL {
  return sql.join(
    orderKeys[order].map(({ column, descending }) => (descending ? sql`${column} desc` : sql`${column} asc`)),
    sql`, `,
  );
}

/**
 * Rows strictly after `position` in `order`: (k1 after v1) or (k1 = v1 and k2 after v2) or ...
 * Written out rather than as a row comparison because the keys may run in different directions.
 */
export function afterPositionSql(order: ReviewOrder, position: ReviewPosition): SQL {
  const keys = orderKeys[order];
  const branches = keys.map((key, index) => {
    const equalPrefix = keys.slice(0, index).map((prior) => eq(prior.column, position[prior.field]));
    const beyond = key.descending ? lt(key.column, position[key.field]) : gt(key.column, position[key.field]);
    return and(...equalPrefix, beyond)!;
  });
  return or(...branches)!;
}

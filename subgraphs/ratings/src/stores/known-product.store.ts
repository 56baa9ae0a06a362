import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isAnyOf, preparedPerDatabase, type Executor } from '@shop/db';
import { KnownProductReplica } from '@shop/events';
import { knownProducts } from '../db/schema';

const summaryRow = z.object({
  productId: z.string(),
  ratingSum: z.number().int().min(0),
  reviewCount: z.number().int().min(0),
});
/** A product's rating summary: integer sum and count, so the average is exact. */
export type RatingSummary = z.infer<typeof summaryRow>;

const columns = { productId: knownProducts.productId, ratingSum: knownProducts.ratingSum, reviewCount: knownProducts.reviewCount };
const summariesByIds = preparedPerDatabase((db) =>
  db.select(columns).from(knownProducts).where(isAnyOf(knownProducts.productId, 'ids')).prepare('ratings_summaries_by_ids'),
);

/**
 * SQL for the products ratings knows of (from product events) and their rating summaries. Every
 * writer takes the product's row lock (`lockIfKnown(id, tx, 'update')`) before touching its
 * reviews, so writers of one product never deadlock each other; removing a product removes its
 * reviews (foreign key cascade).
 */
export class KnownProductStore extends KnownProductReplica<typeof knownProducts> {
  constructor(private readonly db: Executor) {
    super(knownProducts);
  }

  async summaries(productIds: readonly string[]): Promise<RatingSummary[]> {
    if (productIds.length === 0) return [];
    const rows = await summariesByIds(this.db).execute({ ids: [...productIds] });
    return rows.map((row) => summaryRow.parse(row));
  }

  /**
   * Adds a rating to (or with negative deltas, removes one from) the summary in one atomic UPDATE:
   * the row lock serializes concurrent writers and each reads the latest committed values, so no
   * update is lost. Returns the new summary; null when the product is unknown.
   */
  async applyRating(productId: string, delta: { sum: number; count: number }, db: Executor): Promise<RatingSummary | null> {
    const rows = await db
      .update(knownProducts)
      .set({
        ratingSum: sql`${knownProducts.ratingSum} + ${delta.sum}`,
        reviewCount: sql`${knownProducts.reviewCount} + ${delta.count}`,
      })
      .where(eq(knownProducts.productId, productId))
      .returning(columns);
    return rows[0] ? summaryRow.parse(rows[0]) : null;
  }
}

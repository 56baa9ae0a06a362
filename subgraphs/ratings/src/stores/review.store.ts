import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { reviews } from '../db/schema';
import { afterPositionSql, orderBySql, type ReviewOrder, type ReviewPosition } from './review-order';

const reviewRow = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  productId: z.string(),
  userId: z.string(),
  rating: z.number().int().min(1).max(5),
  title: z.string(),
  body: z.string(),
  verifiedPurchase: z.boolean(),
  createdAt: z.date(),
});
export type ReviewRecord = z.infer<typeof reviewRow>;
export type NewReview = Pick<ReviewRecord, 'productId' | 'userId' | 'rating' | 'title' | 'body'>;

/** A page request shared by every owner in one batch (same order, cursor and size). */
export interface PageQuery {
  order: ReviewOrder;
  after: ReviewPosition | null;
  /** Rows to return per owner. */
  limit: number;
}

const columns = {
  id: reviews.id,
  seq: reviews.seq,
  productId: reviews.productId,
  userId: reviews.userId,
  rating: reviews.rating,
  title: reviews.title,
  body: reviews.body,
  verifiedPurchase: reviews.verifiedPurchase,
  createdAt: reviews.createdAt,
};

const parse = (rows: unknown[]) => rows.map((row) => reviewRow.parse(row));

/** SQL for reviews; rows are parsed at the boundary so services never see a malformed record. */
export class ReviewStore {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<ReviewRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await this.db
        .select(columns)
        .from(reviews)
        .where(inArray(reviews.id, [...ids])),
    );
  }

  /** Null when the user already reviewed the product (unique index), so callers need no SQL codes. */
  async insert(review: NewReview, db: Executor = this.db): Promise<ReviewRecord | null> {
    const rows = await db
      .insert(reviews)
      .values(review)
      .onConflictDoNothing({ target: [reviews.productId, reviews.userId] })
      .returning(columns);
    return parse(rows)[0] ?? null;
  }

  /** Returns the removed review; null when it was already gone (of two concurrent deletes one wins). */
  async delete(id: string, db: Executor = this.db): Promise<ReviewRecord | null> {
    return parse(await db.delete(reviews).where(eq(reviews.id, id)).returning(columns))[0] ?? null;
  }

  /**
   * The first `limit` reviews of each owner (product or author) after the cursor, in one query for
   * the whole batch: row_number() restarts per owner, so each owner gets its own page.
   */
  async pages(owner: 'productId' | 'userId', ownerIds: readonly string[], page: PageQuery): Promise<ReviewRecord[]> {
    if (ownerIds.length === 0 || page.limit < 1) return [];
    const ownerColumn = reviews[owner];
    const ranked = this.db
      .select({ ...columns, rank: sql<number>`row_number() over (partition by ${ownerColumn} order by ${orderBySql(page.order)})`.mapWith(Number).as('rank') })
      .from(reviews)
      .where(and(inArray(ownerColumn, [...ownerIds]), page.after ? afterPositionSql(page.order, page.after) : undefined))
      .as('ranked');
    const rows = await this.db.select().from(ranked).where(lte(ranked.rank, page.limit)).orderBy(asc(ranked.rank));
    return parse(rows);
  }

  /** Reviews per author, for a batch of authors. */
  async countByUsers(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select({ userId: reviews.userId, n: count() })
      .from(reviews)
      .where(inArray(reviews.userId, [...userIds]))
      .groupBy(reviews.userId);
    return new Map(rows.map((row) => [row.userId, row.n]));
  }

  /** Flags the user's reviews of these products as verified purchases; returns how many changed. */
  async markVerified(userId: string, productIds: readonly string[]): Promise<number> {
    if (productIds.length === 0) return 0;
    const rows = await this.db
      .update(reviews)
      .set({ verifiedPurchase: true })
      .where(and(eq(reviews.userId, userId), inArray(reviews.productId, [...productIds]), eq(reviews.verifiedPurchase, false)))
      .returning({ id: reviews.id });
    return rows.length;
  }
}

import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { isAnyOf, preparedPerDatabase, type Executor } from '@shop/db';
import { wishlistItems } from '../db/schema';

const itemRow = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  userId: z.string().uuid(),
  productId: z.string().min(1),
  addedAt: z.date(),
});
export type WishlistItemRecord = z.infer<typeof itemRow>;

const parse = (rows: unknown[]) => rows.map((row) => itemRow.parse(row));
const countsByProductIds = preparedPerDatabase((db) =>
  db
    .select({ productId: wishlistItems.productId, n: count() })
    .from(wishlistItems)
    .where(isAnyOf(wishlistItems.productId, 'ids'))
    .groupBy(wishlistItems.productId)
    .prepare('favourites_counts_by_product_ids'),
);

/** SQL for wishlist items; the unique (user, product) index is what makes adding idempotent. */
export class WishlistStore {
  constructor(private readonly db: Executor) {}

  /** Newest first, strictly before `beforeSeq` (the keyset of the previous page) when given. */
  async page(userId: string, beforeSeq: number | null, limit: number): Promise<WishlistItemRecord[]> {
    const scope = beforeSeq === null ? eq(wishlistItems.userId, userId) : and(eq(wishlistItems.userId, userId), lt(wishlistItems.seq, beforeSeq));
    return parse(await this.db.select().from(wishlistItems).where(scope).orderBy(desc(wishlistItems.seq)).limit(limit));
  }

  async countForUser(userId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(wishlistItems).where(eq(wishlistItems.userId, userId));
    return row?.n ?? 0;
  }

  /** One round trip for a whole batch of products; products nobody saved are absent from the map. */
  async favouriteCounts(productIds: readonly string[]): Promise<Map<string, number>> {
    if (productIds.length === 0) return new Map();
    const rows = await countsByProductIds(this.db).execute({ ids: [...productIds] });
    return new Map(rows.map((row) => [row.productId, row.n]));
  }

  async findByIds(ids: readonly string[]): Promise<WishlistItemRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await this.db
        .select()
        .from(wishlistItems)
        .where(inArray(wishlistItems.id, [...ids])),
    );
  }

  async find(userId: string, productId: string, db: Executor = this.db): Promise<WishlistItemRecord | null> {
    const rows = await db
      .select()
      .from(wishlistItems)
      .where(and(eq(wishlistItems.userId, userId), eq(wishlistItems.productId, productId)));
    return parse(rows)[0] ?? null;
  }

  /** Null when the product is already on the wishlist (a concurrent add waits for the other and then does nothing). */
  async insert(userId: string, productId: string, db: Executor): Promise<WishlistItemRecord | null> {
    const rows = await db.insert(wishlistItems).values({ userId, productId }).onConflictDoNothing().returning();
    return parse(rows)[0] ?? null;
  }

  async delete(userId: string, productId: string, db: Executor): Promise<WishlistItemRecord | null> {
    const rows = await db
      .delete(wishlistItems)
      .where(and(eq(wishlistItems.userId, userId), eq(wishlistItems.productId, productId)))
      .returning();
    return parse(rows)[0] ?? null;
  }

  async deleteForProduct(productId: string, db: Executor): Promise<WishlistItemRecord[]> {
    return parse(await db.delete(wishlistItems).where(eq(wishlistItems.productId, productId)).returning());
  }
}

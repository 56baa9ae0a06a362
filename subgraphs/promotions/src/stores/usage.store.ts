import { and, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { promotionUsages } from '../db/schema';

/** SQL for the orders that used promotions. */
export class UsageStore {
  constructor(private readonly db: Executor) {}

  /** Whether this order already used this promotion. */
  async exists(promotionId: string, orderId: string, db: Executor): Promise<boolean> {
    const rows = await db
      .select({ orderId: promotionUsages.orderId })
      .from(promotionUsages)
      .where(and(eq(promotionUsages.promotionId, promotionId), eq(promotionUsages.orderId, orderId)));
    return rows.length === 1;
  }

  async insert(usage: { promotionId: string; orderId: string; customerId: string }, db: Executor): Promise<void> {
    await db.insert(promotionUsages).values(usage);
  }

  /** Removes the order's uses (its cancellation); the promotions whose use it held, in id order. */
  async deleteForOrder(orderId: string, db: Executor): Promise<string[]> {
    const rows = await db.delete(promotionUsages).where(eq(promotionUsages.orderId, orderId)).returning({ promotionId: promotionUsages.promotionId });
    return rows.map((row) => row.promotionId).sort();
  }

  /** How often the customer used each of the promotions (absent: never). */
  async countsForCustomer(customerId: string, promotionIds: readonly string[], db: Executor = this.db): Promise<Map<string, number>> {
    if (promotionIds.length === 0) return new Map();
    const rows = await db
      .select({ promotionId: promotionUsages.promotionId, n: count() })
      .from(promotionUsages)
      .where(and(eq(promotionUsages.customerId, customerId), inArray(promotionUsages.promotionId, [...promotionIds])))
      .groupBy(promotionUsages.promotionId);
    return new Map(rows.map((row) => [row.promotionId, row.n]));
  }
}

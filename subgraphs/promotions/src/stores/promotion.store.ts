import { and, arrayOverlaps, count, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { promotionUsages, promotions } from '../db/schema';
import { parsePromotions, promotionColumns, toColumns, type PromotionFields, type PromotionRecord } from './promotion-row';

export type { PromotionFields, PromotionRecord } from './promotion-row';
export { isUniqueViolation } from './promotion-row';

/** Running at `now`: active, started, not ended, usage limit not reached. */
const running = (now: Date): SQL =>
  and(
    eq(promotions.active, true),
    lte(promotions.startsAt, now),
    or(isNull(promotions.endsAt), gt(promotions.endsAt, now)),
    or(isNull(promotions.usageLimit), sql`${promotions.timesUsed} < ${promotions.usageLimit}`),
  )!;

/** Its conditions cover one of the products, categories or variants (or it has none). */
const covering = (productIds: readonly string[], categoryIds: readonly string[], variantIds: readonly string[] = []): SQL => {
  const none = and(
    sql`cardinality(${promotions.productIds}) = 0`,
    sql`cardinality(${promotions.categoryIds}) = 0`,
    sql`cardinality(${promotions.variantIds}) = 0`,
  )!;
  const matches: SQL[] = [none];
  if (productIds.length > 0) matches.push(arrayOverlaps(promotions.productIds, [...productIds]));
  if (categoryIds.length > 0) matches.push(arrayOverlaps(promotions.categoryIds, [...categoryIds]));
  if (variantIds.length > 0) matches.push(arrayOverlaps(promotions.variantIds, [...variantIds]));
  return or(...matches)!;
};

/** Not deactivated and not ended: running or scheduled. */
const current = (now: Date): SQL => and(eq(promotions.active, true), or(isNull(promotions.endsAt), gt(promotions.endsAt, now)))!;

export interface CartPromotionsQuery {
  now: Date;
  productIds: readonly string[];
  categoryIds: readonly string[];
  /** The lines' variants; absent: none beyond the products' default variants. */
  variantIds?: readonly string[];
  /** Upper case. */
  couponCodes: readonly string[];
  /** Whose per-customer usage to count; null: nobody's. */
  customerId: string | null;
}

/** SQL for promotions; rows are parsed at the boundary. */
export class PromotionStore {
  constructor(private readonly db: Executor) {}

  /** Newest first; `afterSeq` is the keyset of the previous page's last row. */
  async page(activeOnly: boolean, now: Date, afterSeq: number | null, limit: number): Promise<PromotionRecord[]> {
    const filters = [activeOnly ? current(now) : undefined, afterSeq !== null ? lt(promotions.seq, afterSeq) : undefined];
    const rows = await this.db
      .select(promotionColumns)
      .from(promotions)
      .where(and(...filters))
      .orderBy(desc(promotions.seq))
      .limit(limit);
    return parsePromotions(rows);
  }

  async count(activeOnly: boolean, now: Date): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(promotions)
      .where(activeOnly ? current(now) : undefined);
    return row?.n ?? 0;
  }

  async findByIds(ids: readonly string[], db: Executor = this.db): Promise<PromotionRecord[]> {
    if (ids.length === 0) return [];
    return parsePromotions(
      await db
        .select(promotionColumns)
        .from(promotions)
        .where(inArray(promotions.id, [...ids])),
    );
  }

  /** Automatic promotions running at `now` that may cover one of the products/categories/variants; oldest first. */
  async runningAutomatic(
    now: Date,
    productIds: readonly string[],
    categoryIds: readonly string[],
    variantIds: readonly string[] = [],
  ): Promise<PromotionRecord[]> {
    const rows = await this.db
      .select(promotionColumns)
      .from(promotions)
      .where(and(isNull(promotions.couponCode), running(now), covering(productIds, categoryIds, variantIds)))
      .orderBy(promotions.seq);
    return parsePromotions(rows);
  }

  /**
   * What a quote chooses from: the automatic promotions above, plus the coupon's promotion in
   * whatever state it is (the engine says why it does not apply).
   */
  async forQuote(
    now: Date,
    productIds: readonly string[],
    categoryIds: readonly string[],
    couponCode: string | null,
    variantIds: readonly string[] = [],
  ): Promise<PromotionRecord[]> {
    const automatic = and(isNull(promotions.couponCode), running(now), covering(productIds, categoryIds, variantIds));
    const rows = await this.db
      .select(promotionColumns)
      .from(promotions)
      .where(couponCode ? or(automatic, eq(promotions.couponCode, couponCode)) : automatic)
      .orderBy(promotions.seq);
    return parsePromotions(rows);
  }

  /**
   * What carts choose from, in ONE statement however many carts: the running automatic promotions
   * that may cover their products or categories, plus the promotions of their coupon codes in
   * whatever state (the engine says why one does not apply), each with how often `customerId`
   * used it (0 without a customer).
   */
  async forCarts(query: CartPromotionsQuery, db: Executor = this.db): Promise<Array<PromotionRecord & { byCustomer: number }>> {
    const { now, productIds, categoryIds, couponCodes, customerId } = query;
    // A line without a variant id sells its product's default variant, whose id is the product's.
    const variantIds = [...new Set([...(query.variantIds ?? []), ...productIds])];
    const automatic = and(isNull(promotions.couponCode), running(now), covering(productIds, categoryIds, variantIds));
    const byCustomer = customerId
      ? sql<number>`(select count(*)::int from ${promotionUsages} where ${promotionUsages.promotionId} = ${promotions.id} and ${promotionUsages.customerId} = ${customerId})`
      : sql<number>`0`;
    const rows = await db
      .select({ ...promotionColumns, byCustomer })
      .from(promotions)
      .where(couponCodes.length > 0 ? or(automatic, inArray(promotions.couponCode, [...couponCodes])) : automatic)
      .orderBy(promotions.seq);
    return rows.map(({ byCustomer: used, ...row }) => ({ ...parsePromotions([row])[0]!, byCustomer: Number(used) }));
  }

  /** Null when the coupon code is taken. */
  async insert(fields: PromotionFields, db: Executor): Promise<PromotionRecord | null> {
    const rows = await db.insert(promotions).values(toColumns(fields)).onConflictDoNothing().returning(promotionColumns);
    return parsePromotions(rows)[0] ?? null;
  }

  /** Throws a unique violation (see isUniqueViolation) when the new coupon code is taken. */
  async update(id: string, fields: PromotionFields, db: Executor): Promise<PromotionRecord | null> {
    const rows = await db
      .update(promotions)
      .set({ ...toColumns(fields), updatedAt: new Date() })
      .where(eq(promotions.id, id))
      .returning(promotionColumns);
    return parsePromotions(rows)[0] ?? null;
  }

  /** The promotion, if it was active until now; null when unknown or already inactive. */
  async deactivate(id: string, db: Executor): Promise<PromotionRecord | null> {
    const rows = await db
      .update(promotions)
      .set({ active: false, updatedAt: new Date() })
      .where(and(eq(promotions.id, id), eq(promotions.active, true)))
      .returning(promotionColumns);
    return parsePromotions(rows)[0] ?? null;
  }

  /** Locks the row until the transaction ends: redemptions of one promotion run one at a time. */
  async lock(id: string, db: Executor): Promise<PromotionRecord | null> {
    return parsePromotions(await db.select(promotionColumns).from(promotions).where(eq(promotions.id, id)).for('update'))[0] ?? null;
  }

  /**
   * Locks the rows in id order (so two transactions locking overlapping sets never deadlock) until
   * the transaction ends; the statements after it see every use committed before.
   */
  async lockMany(ids: readonly string[], db: Executor): Promise<void> {
    if (ids.length === 0) return;
    await db
      .select({ id: promotions.id })
      .from(promotions)
      .where(inArray(promotions.id, [...ids]))
      .orderBy(promotions.id)
      .for('update');
  }

  async decrementTimesUsed(id: string, db: Executor): Promise<void> {
    await db
      .update(promotions)
      .set({ timesUsed: sql`greatest(${promotions.timesUsed} - 1, 0)` })
      .where(eq(promotions.id, id));
  }

  async incrementTimesUsed(id: string, db: Executor): Promise<number> {
    const rows = await db
      .update(promotions)
      .set({ timesUsed: sql`${promotions.timesUsed} + 1` })
      .where(eq(promotions.id, id))
      .returning({ timesUsed: promotions.timesUsed });
    return rows[0]!.timesUsed;
  }
}

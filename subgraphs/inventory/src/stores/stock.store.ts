import { and, asc, eq, gte, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isAnyOf, preparedPerDatabase, type Executor } from '@shop/db';
import { reservationItems, stockLevels } from '../db/schema';

const stockRow = z.object({
  variantId: z.string(),
  productId: z.string(),
  onHand: z.number().int().min(0),
  reserved: z.number().int().min(0),
});
export type StockRecord = z.infer<typeof stockRow>;

const productTotalRow = z.object({ productId: z.string(), stock: z.coerce.number().int().min(0), inStock: z.boolean() });
/** A product's stock over all its variants. */
export type ProductStock = z.infer<typeof productTotalRow>;

const columns = { variantId: stockLevels.variantId, productId: stockLevels.productId, onHand: stockLevels.onHand, reserved: stockLevels.reserved };
const totals = {
  productId: stockLevels.productId,
  stock: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})`.as('stock'),
  inStock: sql<boolean>`bool_or(${stockLevels.onHand} > ${stockLevels.reserved})`.as('in_stock'),
};
const parse = (rows: unknown[]): StockRecord[] => rows.map((row) => stockRow.parse(row));
const byIds = preparedPerDatabase((db) => db.select(columns).from(stockLevels).where(isAnyOf(stockLevels.variantId, 'ids')).prepare('inventory_stock_by_ids'));
const byProducts = preparedPerDatabase((db) =>
  db.select(totals).from(stockLevels).where(isAnyOf(stockLevels.productId, 'ids')).groupBy(stockLevels.productId).prepare('inventory_stock_by_products'),
);

/** Units a shopper can still buy: on hand minus what active reservations hold. */
export const available = (level: Pick<StockRecord, 'onHand' | 'reserved'>): number => level.onHand - level.reserved;

/**
 * SQL for stock levels, one row per variant. Every write is one conditional UPDATE whose WHERE
 * re-checks the stock on the locked row, so concurrent writers can never drive it below zero (no
 * read-then-write).
 */
export class StockStore {
  constructor(private readonly db: Executor) {}

  /** One round trip for a whole batch of variants (DataLoader); variants without a row are simply absent. */
  async findByIds(variantIds: readonly string[], db: Executor = this.db): Promise<StockRecord[]> {
    if (variantIds.length === 0) return [];
    return parse(await byIds(db).execute({ ids: [...variantIds] }));
  }

  /** Sums over each product's variants, one round trip for a batch; products without a row are absent. */
  async totalsByProducts(productIds: readonly string[], db: Executor = this.db): Promise<ProductStock[]> {
    if (productIds.length === 0) return [];
    return (await byProducts(db).execute({ ids: [...productIds] })).map((row) => productTotalRow.parse(row));
  }

  /** The variants inventory keeps for a product, in position-independent (id) order. */
  async variantsOf(productId: string, db: Executor = this.db): Promise<StockRecord[]> {
    return parse(await db.select(columns).from(stockLevels).where(eq(stockLevels.productId, productId)).orderBy(asc(stockLevels.variantId)));
  }

  /** Locks the rows in variant-id order: every multi-variant writer locks in this order, so none deadlock. */
  async lockMany(variantIds: readonly string[], db: Executor): Promise<StockRecord[]> {
    if (variantIds.length === 0) return [];
    const rows = await db
      .select(columns)
      .from(stockLevels)
      .where(inArray(stockLevels.variantId, [...variantIds]))
      .orderBy(asc(stockLevels.variantId))
      .for('update');
    return parse(rows);
  }

  /**
   * Locks, in one statement and in variant-id order, the rows of `variantIds` and of every variant
   * the reservations `reservationIds` hold: what a batch of saga events will touch, taken before
   * its effects so batches running side by side lock in the same order.
   */
  async lockForBatch(variantIds: readonly string[], reservationIds: readonly string[], db: Executor): Promise<void> {
    if (variantIds.length === 0 && reservationIds.length === 0) return;
    await db.execute(sql`
      select 1 from ${stockLevels}
      where ${stockLevels.variantId} = any(${sql.param([...variantIds])}::text[])
        or ${stockLevels.variantId} in (select ${reservationItems.variantId} from ${reservationItems} where ${reservationItems.reservationId} = any(${sql.param([...reservationIds])}::uuid[]))
      order by ${stockLevels.variantId}
      for update`);
  }

  /**
   * Makes the product's stock rows exactly its variants: rows for new variants are created empty
   * (an existing row keeps its units, so a redelivered event changes nothing) and rows of variants
   * the product no longer has are dropped with their reservation items. Returns the dropped rows.
   */
  async syncVariants(productId: string, variantIds: readonly string[], db: Executor): Promise<StockRecord[]> {
    const removed = parse(
      await db
        .delete(stockLevels)
        .where(and(eq(stockLevels.productId, productId), variantIds.length > 0 ? notInArray(stockLevels.variantId, [...variantIds]) : undefined))
        .returning(columns),
    );
    if (variantIds.length > 0) {
      await db
        .insert(stockLevels)
        .values(variantIds.map((variantId) => ({ variantId, productId })))
        .onConflictDoNothing();
    }
    return removed;
  }

  async deleteProduct(productId: string, db: Executor): Promise<StockRecord[]> {
    return parse(await db.delete(stockLevels).where(eq(stockLevels.productId, productId)).returning(columns));
  }

  /** Adds `delta` to on-hand unless that would leave fewer units than are reserved (or below zero). */
  async adjust(variantId: string, delta: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({ onHand: sql`${stockLevels.onHand} + ${delta}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.variantId, variantId), gte(sql`${stockLevels.onHand} + ${delta}`, stockLevels.reserved)))
      .returning(columns);
    return parse(rows)[0] ?? null;
  }

  /** Holds `quantity` units only if that many are available; null when they are not. */
  async hold(variantId: string, quantity: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({ reserved: sql`${stockLevels.reserved} + ${quantity}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.variantId, variantId), gte(sql`${stockLevels.onHand} - ${stockLevels.reserved}`, quantity)))
      .returning(columns);
    return parse(rows)[0] ?? null;
  }

  /** Gives held units back (a released or expired reservation). */
  async unhold(variantId: string, quantity: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({ reserved: sql`${stockLevels.reserved} - ${quantity}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.variantId, variantId), gte(stockLevels.reserved, quantity)))
      .returning(columns);
    return parse(rows)[0] ?? null;
  }

  /** Turns held units into a sale: they leave on-hand and the hold together, so availability is unchanged. */
  async sellHeld(variantId: string, quantity: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({
        onHand: sql`${stockLevels.onHand} - ${quantity}`,
        reserved: sql`${stockLevels.reserved} - ${quantity}`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(stockLevels.variantId, variantId), gte(stockLevels.reserved, quantity)))
      .returning(columns);
    return parse(rows)[0] ?? null;
  }
}

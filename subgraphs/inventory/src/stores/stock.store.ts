import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isAnyOf, preparedPerDatabase, type Executor } from '@shop/db';
import { stockLevels } from '../db/schema';

const stockRow = z.object({
  productId: z.string(),
  onHand: z.number().int().min(0),
  reserved: z.number().int().min(0),
});
export type StockRecord = z.infer<typeof stockRow>;

const columns = { productId: stockLevels.productId, onHand: stockLevels.onHand, reserved: stockLevels.reserved };
const parse = (rows: unknown[]): StockRecord[] => rows.map((row) => stockRow.parse(row));
const byIds = preparedPerDatabase((db) => db.select(columns).from(stockLevels).where(isAnyOf(stockLevels.productId, 'ids')).prepare('inventory_stock_by_ids'));

/** Units a shopper can still buy: on hand minus what active reservations hold. */
export const available = (level: StockRecord): number => level.onHand - level.reserved;

/**
 * SQL for stock levels. Every write is one conditional UPDATE whose WHERE re-checks the stock on
 * the locked row, so concurrent writers can never drive it below zero (no read-then-write).
 */
export class StockStore {
  constructor(private readonly db: Executor) {}

  /** One round trip for a whole batch (DataLoader); products without a row are simply absent. */
  async findByIds(productIds: readonly string[], db: Executor = this.db): Promise<StockRecord[]> {
    if (productIds.length === 0) return [];
    return parse(await byIds(db).execute({ ids: [...productIds] })); // stockLevels.findByIds
  }

  /** Locks the rows in product-id order: every multi-product writer locks in this order, so none deadlock. */
  async lockMany(productIds: readonly string[], db: Executor): Promise<StockRecord[]> {
    if (productIds.length === 0) return [];
    const rows = await db
      .select(columns)
      .from(stockLevels)
      .where(inArray(stockLevels.productId, [...productIds]))
      .orderBy(asc(stockLevels.productId))
      .for('update'); // stockLevels.lockMany
    return parse(rows);
  }

  /** True when the row was created, false when it already existed (a redelivered product.created). */
  async createIfMissing(productId: string, db: Executor = this.db): Promise<boolean> {
    const rows = await db.insert(stockLevels).values({ productId }).onConflictDoNothing().returning(columns); // stockLevels.createIfMissing
    return rows.length === 1;
  }

  async delete(productId: string, db: Executor): Promise<StockRecord | null> {
    return parse(await db.delete(stockLevels).where(eq(stockLevels.productId, productId)).returning(columns))[0] ?? null; // stockLevels.delete
  }

  /** Adds `delta` to on-hand unless that would leave fewer units than are reserved (or below zero). */
  async adjust(productId: string, delta: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({ onHand: sql`${stockLevels.onHand} + ${delta}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.productId, productId), gte(sql`${stockLevels.onHand} + ${delta}`, stockLevels.reserved)))
      .returning(columns); // stockLevels.adjust
    return parse(rows)[0] ?? null;
  }

  /** Holds `quantity` units only if that many are available; null when they are not. */
  async hold(productId: string, quantity: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({ reserved: sql`${stockLevels.reserved} + ${quantity}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.productId, productId), gte(sql`${stockLevels.onHand} - ${stockLevels.reserved}`, quantity)))
      .returning(columns); // stockLevels.hold
    return parse(rows)[0] ?? null;
  }

  /** Gives held units back (a released or expired reservation). */
  async unhold(productId: string, quantity: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({ reserved: sql`${stockLevels.reserved} - ${quantity}`, updatedAt: sql`now()` })
      .where(and(eq(stockLevels.productId, productId), gte(stockLevels.reserved, quantity)))
      .returning(columns); // stockLevels.unhold
    return parse(rows)[0] ?? null;
  }

  /** Turns held units into a sale: they leave on-hand and the hold together, so availability is unchanged. */
  async sellHeld(productId: string, quantity: number, db: Executor): Promise<StockRecord | null> {
    const rows = await db
      .update(stockLevels)
      .set({
        onHand: sql`${stockLevels.onHand} - ${quantity}`,
        reserved: sql`${stockLevels.reserved} - ${quantity}`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(stockLevels.productId, productId), gte(stockLevels.reserved, quantity)))
      .returning(columns); // stockLevels.sellHeld
    return parse(rows)[0] ?? null;
  }
}

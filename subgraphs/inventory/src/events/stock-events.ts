import type { Executor } from '@shop/db';
import { appendToOutbox, stockChanged, stockReleased, type StockReleased } from '@shop/events';
import { outbox } from '../db/schema';
import { available, type StockRecord, type StockStore } from '../stores/stock.store';

/**
 * Records `stock.changed` in the caller's transaction, keyed by product id: the product's stock
 * over all its variants (read in the same transaction, so it includes this change) and the variant's.
 */
export async function announceStock(tx: Executor, stock: StockStore, level: StockRecord): Promise<void> {
  const units = available(level);
  const [total] = await stock.totalsByProducts([level.productId], tx);
  await appendToOutbox(tx, outbox, stockChanged, level.productId, {
    productId: level.productId,
    stock: total?.stock ?? 0,
    inStock: total?.inStock ?? false,
    variant: { variantId: level.variantId, stock: units, inStock: units > 0 },
  });
}

/**
 * Records the saga reply `stock.released` (keyed by ORDER id) in the caller's transaction. A
 * reservation whose variants were all deleted from the catalog holds nothing, so it says nothing.
 */
export async function announceReleased(
  tx: Executor,
  orderId: string,
  items: ReadonlyArray<{ productId: string; variantId: string; quantity: number }>,
  reason: StockReleased['reason'],
): Promise<void> {
  if (items.length === 0) return;
  const released = items.map(({ productId, variantId, quantity }) => ({ productId, variantId, quantity }));
  await appendToOutbox(tx, outbox, stockReleased, orderId, { orderId, items: released, reason });
}

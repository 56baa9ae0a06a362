import type { Executor } from '@shop/db';
import { appendToOutbox, stockChanged, stockReleased, type StockReleased } from '@shop/events';
import { outbox } from '../db/schema';
import { available, type StockRecord } from '../stores/stock.store';

/** Records `stock.changed` in the caller's transaction, keyed by product id. */
export async function announceStock(tx: Executor, level: StockRecord): Promise<void> {
  const stock = available(level);
  await appendToOutbox(tx, outbox, stockChanged, level.productId, { productId: level.productId, stock, inStock: stock > 0 });
}

/**
 * Records the saga reply `stock.released` (keyed by ORDER id) in the caller's transaction. A
 * reservation whose products were all deleted from the catalog holds nothing, so it says nothing.
 */
export async function announceReleased(
  tx: Executor,
  orderId: string,
  items: ReadonlyArray<{ productId: string; quantity: number }>,
  reason: StockReleased['reason'],
): Promise<void> {
  if (items.length === 0) return;
  const released = items.map(({ productId, quantity }) => ({ productId, quantity }));
  await appendToOutbox(tx, outbox, stockReleased, orderId, { orderId, items: released, reason });
}

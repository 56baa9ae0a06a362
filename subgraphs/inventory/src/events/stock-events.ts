import type { Executor } from '@shop/db';
import { appendToOutbox, stockChanged } from '@shop/events';
import { outbox } from '../db/schema';
import { available, type StockRecord } from '../stores/stock.store';

/** Records `stock.changed` in the caller's transaction, keyed by product id. */
export async function announceStock(tx: Executor, level: StockRecord): Promise<void> {
  const stock = available(level);
  await appendToOutbox(tx, outbox, stockChanged, level.productId, { productId: level.productId, stock, inStock: stock > 0 });
}

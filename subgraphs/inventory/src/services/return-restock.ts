import type { Executor } from '@shop/db';
import type { ReturnReceived } from '@shop/events';
import type { Logger } from '@shop/subgraph-kit';
import { announceStock } from '../events/stock-events';
import { MovementStore } from '../stores/movement.store';
import { StockStore } from '../stores/stock.store';

/** The ledger reason of a return's restock: which return brought the units back. */
export const returnRestockReason = (returnId: string) => `return ${returnId}`;

/**
 * A received return: its units go back on hand, one RESTOCK movement per product with the return
 * as reason, and `stock.changed` for each. Runs in the caller's (inbox) transaction, so a
 * redelivered `return.received` finds its inbox row and restocks nothing twice. A product
 * inventory no longer keeps (deleted from the catalog) is skipped.
 */
export async function restockReturn(tx: Executor, event: ReturnReceived, logger: Logger): Promise<void> {
  const stock = new StockStore(tx);
  const movements = new MovementStore(tx);
  const units = new Map<string, number>();
  for (const item of event.items) units.set(item.productId, (units.get(item.productId) ?? 0) + item.quantity);
  const kept = new Set((await stock.lockMany([...units.keys()], tx)).map((level) => level.productId));
  for (const [productId, quantity] of [...units].sort(([a], [b]) => a.localeCompare(b))) {
    if (!kept.has(productId)) {
      logger.warn({ returnId: event.returnId, productId }, 'inventory: a returned product is no longer stocked; its units were not restocked');
      continue;
    }
    const level = (await stock.adjust(productId, quantity, tx))!;
    await movements.insert({ productId, kind: 'restock', delta: quantity, onHandAfter: level.onHand, reason: returnRestockReason(event.returnId), actorId: null, idempotencyKey: null, reservationId: null }, tx);
    await announceStock(tx, level);
  }
}

import type { Executor } from '@shop/db';
import { variantOf, type ReturnReceived } from '@shop/events';
import type { Logger } from '@shop/subgraph-kit';
import { announceStock } from '../events/stock-events';
import { MovementStore } from '../stores/movement.store';
import { StockStore } from '../stores/stock.store';

/** The ledger reason of a return's restock: which return brought the units back. */
export const returnRestockReason = (returnId: string) => `return ${returnId}`;

/**
 * A received return: its units go back on hand, one RESTOCK movement per variant with the return
 * as reason, and `stock.changed` for each. Runs in the caller's (inbox) transaction, so a
 * redelivered `return.received` finds its inbox row and restocks nothing twice. A variant
 * inventory no longer keeps (deleted from the catalog) is skipped.
 */
export async function restockReturn(tx: Executor, event: ReturnReceived, logger: Logger): Promise<void> {
  const stock = new StockStore(tx);
  const movements = new MovementStore(tx);
  const units = new Map<string, { productId: string; quantity: number }>();
  for (const item of event.items) {
    const variantId = variantOf(item);
    units.set(variantId, { productId: item.productId, quantity: (units.get(variantId)?.quantity ?? 0) + item.quantity });
  }
  const kept = new Set((await stock.lockMany([...units.keys()], tx)).map((level) => level.variantId));
  for (const [variantId, { productId, quantity }] of [...units].sort(([a], [b]) => a.localeCompare(b))) {
    if (!kept.has(variantId)) {
      logger.warn({ returnId: event.returnId, productId, variantId }, 'inventory: a returned variant is no longer stocked; its units were not restocked');
      continue;
    }
    const level = (await stock.adjust(variantId, quantity, tx))!;
    await movements.insert(
      {
        productId,
        variantId,
        kind: 'restock',
        delta: quantity,
        onHandAfter: level.onHand,
        reason: returnRestockReason(event.returnId),
        actorId: null,
        idempotencyKey: null,
        reservationId: null,
      },
      tx,
    );
    await announceStock(tx, stock, level);
  }
}

import type { Transaction } from '@shop/db';
import { orderCancelled, orderConfirmed, orderStockReservationRequested, returnReceived, type EventEnvelope } from '@shop/events';
import { reservationIdFor } from '../services/order-reservation-id';
import { StockStore } from '../stores/stock.store';

type Fields = { orderId?: unknown; items?: unknown };

/** The variant of each well-formed item (a malformed event fails in its own effect, not here). */
const variantsOf = (items: unknown): string[] =>
  Array.isArray(items)
    ? items.flatMap((item: { variantId?: unknown; productId?: unknown }) =>
        typeof item?.variantId === 'string' ? [item.variantId] : typeof item?.productId === 'string' ? [item.productId] : [],
      )
    : [];

/**
 * Before a batch of `shop.orders.inventory` events runs, locks every stock row its effects will
 * lock: the variants of reservation requests and received returns, and the variants held by the
 * reservations of confirmed and cancelled orders. Batches of different partitions then take their
 * locks in one order and wait for each other instead of deadlocking.
 */
export async function lockStockForBatch(tx: Transaction, envelopes: readonly EventEnvelope[]): Promise<void> {
  const variantIds = new Set<string>();
  const reservationIds = new Set<string>();
  for (const { type, data } of envelopes) {
    const { orderId, items } = (data ?? {}) as Fields;
    if (type === orderStockReservationRequested.type || type === returnReceived.type) for (const id of variantsOf(items)) variantIds.add(id);
    else if ((type === orderConfirmed.type || type === orderCancelled.type) && typeof orderId === 'string') reservationIds.add(reservationIdFor(orderId));
  }
  await new StockStore(tx).lockForBatch([...variantIds], [...reservationIds], tx);
}

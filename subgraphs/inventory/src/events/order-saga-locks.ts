import type { Transaction } from '@shop/db';
import { orderCancelled, orderConfirmed, orderStockReservationRequested, returnReceived, variantOf, type EventEnvelope } from '@shop/events';
import { reservationIdFor } from '../services/order-reservation-id';
import { StockStore } from '../stores/stock.store';

type Fields = { orderId?: unknown; items?: unknown };

type Item = { productId?: unknown; variantId?: unknown };
const wellFormed = (item: Item | null): item is { productId: string; variantId?: string } =>
  typeof item?.productId === 'string' && (item.variantId === undefined || typeof item.variantId === 'string');

/** The variant of each well-formed item (a malformed event fails in its own effect, not here). */
const variantsOf = (items: unknown): string[] => (Array.isArray(items) ? items.filter(wellFormed).map(variantOf) : []);

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

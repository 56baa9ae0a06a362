import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { orderCancelled, orderConfirmed, orderTopics, orderStockReservationRequested, type EventEnvelope, type ProductQuantity } from '@shop/events';
import { eventually, type SubgraphHarness } from '@shop/testkit';
import { inbox, outbox } from '../src/db/schema';
import { ORDER_SAGA_GROUP } from '../src';

export const newOrderId = () => `order-${randomUUID()}`;

/** The saga's requests as orders publishes them on `shop.orders`, keyed by order id. */
export const orderEvents = {
  reservationRequested: (orderId: string, items: ProductQuantity[]) => orderStockReservationRequested.create(orderId, { orderId, items }),
  confirmed: (orderId: string, items: ProductQuantity[]) =>
    orderConfirmed.create(orderId, { orderId, customerId: 'customer-1', total: { amount: 1000, currency: 'EUR' }, items, promotionIds: [] }),
  cancelled: (orderId: string, items: ProductQuantity[], previousStatus: 'STOCK_RESERVED' | 'CONFIRMED' = 'STOCK_RESERVED') =>
    orderCancelled.create(orderId, {
      orderId,
      customerId: 'customer-1',
      code: 'CANCELLED_BY_CUSTOMER',
      reason: 'The customer cancelled.',
      previousStatus,
      items,
    }),
};

/**
 * A cancellation of an order inventory never held anything for: handled (so it leaves an inbox
 * row) without any effect. The topic keeps order, so once it is consumed everything before it is.
 */
const marker = (key: string) =>
  orderCancelled.create(key, {
    orderId: randomUUID(),
    customerId: 'customer-1',
    code: 'CANCELLED_BY_CUSTOMER',
    reason: 'Marker.',
    previousStatus: 'PENDING',
    items: [{ productId: 'marker', quantity: 1 }],
  });

/** Publishes the envelopes (all for one order) on `shop.orders` and waits until inventory's saga consumer has handled every one. */
export async function deliver(harness: SubgraphHarness, ...envelopes: EventEnvelope[]): Promise<void> {
  const orderId = envelopes[0]!.aggregateId;
  // Same key as the order: one partition on Kafka too, so the marker comes after the others.
  const last = marker(orderId);
  const all = [...envelopes, last];
  await harness.platform.transport.publish(all.map((envelope) => ({ topic: orderTopics.inventory, key: orderId, envelope })));
  const db = harness.platform.database.db;
  await eventually(
    async () =>
      (
        await db
          .select()
          .from(inbox)
          .where(and(eq(inbox.consumer, ORDER_SAGA_GROUP), eq(inbox.eventId, last.id)))
      ).length === 1,
  );
}

/** The saga replies recorded for an order (outbox rows keyed by the order id), in order. */
export async function repliesFor(harness: SubgraphHarness, orderId: string) {
  const rows = await harness.platform.database.db.select().from(outbox).where(eq(outbox.key, orderId)).orderBy(asc(outbox.seq));
  return rows.map((row) => ({ topic: row.topic, type: row.type, data: row.payload.data as Record<string, unknown> }));
}

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { orderConfirmed, orderPlaced, orderTopics, orderDiscounted, type EventEnvelope, type OrderDiscounted } from '@shop/events';
import { eventually, type SubgraphHarness } from '@shop/testkit';
import { inbox, outbox } from '../src/db/schema';
import { ORDER_SAGA_GROUP } from '../src/events/order-saga.consumer';
import { eur } from './helpers';

export interface TestLine {
  lineId: string;
  productId: string;
  categoryId: string;
  quantity: number;
  unitPrice: { amount: number; currency: string };
}

export const cartLine = (lineId: string, productId: string, categoryId: string, amount: number, quantity = 1): TestLine => ({
  lineId,
  productId,
  categoryId,
  quantity,
  unitPrice: { amount, currency: 'EUR' },
});

/** A Cart representation as the router sends it for `discount` (the @requires fields). */
export const cartRepresentation = (lines: TestLine[], couponCode: string | null = null, id: string = randomUUID()) => ({
  __typename: 'Cart',
  id,
  currency: lines.length > 0 ? 'EUR' : null,
  couponCode,
  lines,
});

export const address = { name: 'Ada Lovelace', line1: '1 Main St', line2: null, city: 'Berlin', region: null, postalCode: '10115', country: 'DE' };

/**
 * Publishes the envelopes on shop.orders, then a marker event, and waits until the saga consumer
 * has taken the marker: topics deliver in order, so every envelope before it has been handled.
 */
/** An order.placed for `lines`, as orders publishes it. */
export const placed = (customerId: string, lines: TestLine[], code: string | null, orderId = randomUUID()) =>
  orderPlaced.create(orderId, {
    orderId,
    customerId,
    currency: 'EUR',
    lines,
    couponCode: code,
    shippingAddress: address,
    subtotal: eur(lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0)),
  });

export async function deliver(harness: SubgraphHarness, ...envelopes: EventEnvelope[]): Promise<void> {
  // Handled without effect (a confirmation that used no promotion), so it leaves an inbox row.
  const marker = orderConfirmed.create(randomUUID(), {
    orderId: randomUUID(),
    customerId: randomUUID(),
    total: { amount: 100, currency: 'EUR' },
    items: [{ productId: 'marker', quantity: 1 }],
    promotionIds: [],
  });
  for (const envelope of [...envelopes, marker]) {
    await harness.platform.transport.publish([{ topic: orderTopics.promotions, key: envelope.aggregateId, envelope }]);
  }
  const db = harness.platform.database.db;
  await eventually(
    async () =>
      (
        await db
          .select()
          .from(inbox)
          .where(and(eq(inbox.consumer, ORDER_SAGA_GROUP), eq(inbox.eventId, marker.id)))
      ).length === 1,
  );
}

/** The order.discounted replies recorded for an order. */
export async function discountReplies(harness: SubgraphHarness, orderId: string): Promise<OrderDiscounted[]> {
  const rows = await harness.platform.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.key, orderId), eq(outbox.type, orderDiscounted.type)))
    .orderBy(outbox.seq);
  return rows.map((row) => orderDiscounted.parse(row.payload).data);
}

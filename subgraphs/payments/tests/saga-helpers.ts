import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { orderCancelled, orderPaymentRequested, orderTopics, type EventEnvelope } from '@shop/events';
import { eventually, type SubgraphHarness } from '@shop/testkit';
import { inbox } from '../src/db/schema';
import { ORDER_SAGA_GROUP } from '../src';

export const newOrderId = () => `order-${randomUUID()}`;

/** The saga's requests as orders publishes them on `shop.orders`, keyed by order id. */
export const orderEvents = {
  paymentRequested: (orderId: string, paymentToken: string, amount = 4999, customerId = 'customer-1') =>
    orderPaymentRequested.create(orderId, { orderId, customerId, amount: { amount, currency: 'EUR' }, paymentToken }),
  cancelled: (orderId: string) =>
    orderCancelled.create(orderId, {
      orderId,
      customerId: 'customer-1',
      code: 'CANCELLED_BY_CUSTOMER',
      reason: 'The customer cancelled.',
      previousStatus: 'CONFIRMED',
      items: [{ productId: 'prod-1', quantity: 1 }],
    }),
};

/**
 * A cancellation of an order payments never charged, published under this order's key (same
 * partition): handled without effect, so once its inbox row exists everything before it was handled.
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

/** Publishes the envelopes (all for one order) on `shop.orders` and waits until the saga consumer has handled every one. */
export async function deliver(harness: SubgraphHarness, ...envelopes: EventEnvelope[]): Promise<void> {
  const orderId = envelopes[0]!.aggregateId;
  const last = marker(orderId);
  const all = [...envelopes, last];
  await harness.platform.transport.publish(all.map((envelope) => ({ topic: orderTopics.payments, key: orderId, envelope })));
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

/** Delivery metadata for calling a saga handler directly. */
export const meta = (key: string) => ({ topic: orderTopics.payments, partition: 0, offset: '0', key, attempt: 1, headers: {} });

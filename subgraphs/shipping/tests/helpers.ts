import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { orderCancelled, orderPlaced, orderShipmentRequested, orderTopics, type Address, type EventEnvelope } from '@shop/events';
import type { SubgraphHarness } from '@shop/testkit';
import { inbox, outbox } from '../src/db/schema';
import { createShipping, ORDER_SAGA_GROUP } from '../src';
import { CreateShippingRateDocument, type ShippingRateFieldsFragment, type ShippingRateInput } from './__generated__/graphql';

export const admin = (userId: string = randomUUID()) => ({ userId, roles: ['customer', 'admin'] });
export const customer = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });

/** The shipping domain over a harness's database: the same stores and services the subgraph runs. */
export const shippingOf = (harness: SubgraphHarness) => createShipping(harness.platform.database.db);

export type Rate = ShippingRateFieldsFragment;

/** Creates a rate as an admin and returns it (fails the test on errors). */
export async function createRate(harness: SubgraphHarness, input: ShippingRateInput): Promise<Rate> {
  const result = await harness.call(CreateShippingRateDocument, { input }, admin());
  const payload = result.data?.createShippingRate;
  if (!payload?.shippingRate) throw new Error(`createShippingRate failed: ${JSON.stringify(result.errors ?? payload?.errors)}`);
  return payload.shippingRate;
}

export const codes = (result: { errors?: Array<{ message: string; extensions?: { code?: string } }> }) =>
  result.errors?.map((error) => [error.extensions?.code, error.message]);

export const address = (country: string): Address => ({
  name: 'Ada Lovelace',
  line1: 'Hauptstraße 1',
  line2: null,
  city: 'Berlin',
  region: null,
  postalCode: '10115',
  country,
});

export const placedEvent = (country: string, subtotal: { amount: number; currency: string }, orderId = randomUUID()) =>
  orderPlaced.create(orderId, {
    orderId,
    customerId: randomUUID(),
    currency: subtotal.currency,
    lines: [{ lineId: randomUUID(), productId: 'prod-1', categoryId: 'kitchen', quantity: 1, unitPrice: subtotal }],
    couponCode: null,
    shippingAddress: address(country),
    subtotal,
  });

export const shipmentRequestedEvent = (orderId: string = randomUUID(), customerId: string = randomUUID(), carrier = 'DHL') =>
  orderShipmentRequested.create(orderId, {
    orderId,
    customerId,
    shippingAddress: address('DE'),
    items: [
      { productId: 'prod-1', quantity: 2 },
      { productId: 'prod-2', quantity: 1 },
    ],
    carrier,
  });

export const cancelledEvent = (orderId: string, previousStatus: 'PAID' | 'CONFIRMED' | 'PENDING' = 'PAID') =>
  orderCancelled.create(orderId, {
    orderId,
    customerId: randomUUID(),
    code: 'CANCELLED_BY_ADMIN',
    reason: 'An admin cancelled the order.',
    previousStatus,
    items: [{ productId: 'prod-1', quantity: 2 }],
  });

/** True once the saga consumer has handled (or skipped as a duplicate) the event with this id. */
export async function consumed(harness: SubgraphHarness, eventId: string): Promise<boolean> {
  const rows = await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, eventId));
  return rows.some((row) => row.consumer === ORDER_SAGA_GROUP);
}

/** Publishes order events as the orders subgraph would (on `shop.orders`, keyed by order id). */
export async function publishOrderEvents(harness: SubgraphHarness, ...envelopes: EventEnvelope[]): Promise<void> {
  await harness.platform.transport.publish(envelopes.map((envelope) => ({ topic: orderTopics.shipping, key: envelope.aggregateId, envelope })));
}

/** Event types and data written to the outbox for one order, in order. */
export async function outboxFor(harness: SubgraphHarness, orderId: string) {
  const rows = await harness.platform.database.db.select().from(outbox).where(eq(outbox.key, orderId)).orderBy(asc(outbox.seq));
  return rows.map((row) => ({ topic: row.topic, type: row.type, data: row.payload.data as Record<string, unknown> }));
}

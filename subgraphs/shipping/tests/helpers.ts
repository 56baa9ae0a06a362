import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { orderCancelled, orderPlaced, orderShipmentRequested, orderTopics, type Address, type EventEnvelope } from '@shop/events';
import type { SubgraphHarness } from '@shop/testkit';
import { inbox, outbox } from '../src/db/schema';
import { createShipping, SHIPPING_SAGA_GROUP } from '../src';

export const admin = (userId: string = randomUUID()) => ({ userId, roles: ['customer', 'admin'] });
export const customer = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });

/** The shipping domain over a harness's database: the same stores and services the subgraph runs. */
export const shippingOf = (harness: SubgraphHarness) => createShipping(harness.platform.database.db);

export const rateFields = 'id country carrier name price { amount currency } freeOver { amount currency } estimatedDays createdAt updatedAt';

export const ops = {
  create: `mutation($input: ShippingRateInput!) { createShippingRate(input: $input) { shippingRate { ${rateFields} } errors { code field message } } }`,
  update: `mutation($id: ID!, $input: ShippingRateInput!) { updateShippingRate(id: $id, input: $input) { shippingRate { ${rateFields} } errors { code field message } } }`,
  delete: `mutation($id: ID!) { deleteShippingRate(id: $id) { shippingRate { ${rateFields} } errors { code field message } } }`,
  list: `query($country: String, $first: Int, $after: String) { shippingRates(country: $country, first: $first, after: $after) {
    edges { cursor node { id country name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`,
  carts: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Cart { id
    shippingOptions { rate { id } carrier name cost { amount currency } free estimatedDays } shippingCost { amount currency } } } }`,
  shipmentFields: 'id orderId order { id } carrier trackingNumber status items { productId product { id } quantity } history { status at } createdAt',
  get shipment() {
    return `query($id: ID!) { shipment(id: $id) { ${this.shipmentFields} } }`;
  },
  get orders() {
    return `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id shipment { ${this.shipmentFields} } } } }`;
  },
  advance: `mutation($id: ID!) { advanceShipment(shipmentId: $id) { shipment { id status history { status } } errors { code field message } } }`,
};

export interface RateInput {
  country: string;
  carrier: string;
  name: string;
  price: { amount: number; currency: string };
  freeOver?: { amount: number; currency: string } | null;
  estimatedDays: number;
}
export interface Rate {
  id: string;
  country: string;
  carrier: string;
  name: string;
  price: { amount: number; currency: string };
  freeOver: { amount: number; currency: string } | null;
  estimatedDays: number;
  createdAt: string;
  updatedAt: string;
}
export type RatePayload = { shippingRate: Rate | null; errors: Array<{ code: string; field: string | null; message: string }> };

/** Creates a rate as an admin and returns it (fails the test on errors). */
export async function createRate(harness: SubgraphHarness, input: RateInput): Promise<Rate> {
  const result = await harness.call<{ createShippingRate: RatePayload }>(ops.create, { input }, admin());
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
  return rows.some((row) => row.consumer === SHIPPING_SAGA_GROUP);
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

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ordersTopic, orderTopics, type EventContract, type EventEnvelope } from '@shop/events';
import { eventually, type Caller, type SubgraphHarness } from '@shop/testkit';
import { inbox } from '../src/db/schema';
import { catalog, ops, type PayloadData } from './helpers';

export const address = { name: 'Ada Lovelace', line1: '1 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

export const orderFields = `id status currency couponCode carrier cancellable customer { id }
  subtotal { amount currency } discount { amount currency } shippingCost { amount currency } tax { amount currency } total { amount currency }
  lines { lineId product { id } productName quantity unitPrice { amount } lineTotal { amount } discount { amount } }
  appliedPromotions { promotionId name couponCode amount { amount currency } }
  couponRejection { couponCode code message missingAmount { amount currency } }
  cancellation { code reason } statusHistory { position status previousStatus reason }`;

export const orderOps = {
  place: `mutation($c: ID!, $k: String!, $t: String!) { placeOrder(cartId: $c, idempotencyKey: $k, paymentToken: $t) { order { ${orderFields} } errors { code field message } } }`,
  cancel: `mutation($o: ID!, $r: String) { cancelOrder(orderId: $o, reason: $r) { order { id status cancellation { code reason } } errors { code field message } } }`,
  order: `query($id: ID!) { order(id: $id) { ${orderFields} } }`,
};

export interface OrderData {
  id: string;
  status: string;
  total: { amount: number; currency: string } | null;
  lines: Array<{ lineId: string; product: { id: string }; productName: string; quantity: number; discount: { amount: number } | null }>;
  statusHistory: Array<{ position: number; status: string; previousStatus: string | null; reason: string | null }>;
  cancellation: { code: string; reason: string } | null;
  [field: string]: unknown;
}
export interface OrderPayloadData {
  order: OrderData | null;
  errors: Array<{ code: string; field: string | null; message: string }>;
}

/**
 * Stands in for every saga participant: records each request orders publishes (`shop.orders` and the participants' `orderTopics`)
 * and publishes answers on the participants' topics, waiting until orders has consumed them.
 */
export async function fakeParticipants(harness: SubgraphHarness) {
  const requests: EventEnvelope[] = [];
  const subscription = await harness.platform.transport.subscribe({
    groupId: `fake-participants-${randomUUID()}`,
    // Every topic orders writes to; an event addressed to several participants is recorded once.
    topics: [ordersTopic, ...Object.values(orderTopics)],
    handler: async (envelope) => {
      if (!requests.some((seen) => seen.id === envelope.id)) requests.push(envelope);
    },
  });
  const consumed = async (eventId: string) =>
    (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, eventId))).length === 1;
  return {
    /** Every request for this order of the given type, in publication order. */
    of: (orderId: string, type: string) => requests.filter((event) => event.aggregateId === orderId && event.type === type),
    async next(orderId: string, type: string): Promise<EventEnvelope> {
      await eventually(async () => requests.some((event) => event.aggregateId === orderId && event.type === type));
      return requests.find((event) => event.aggregateId === orderId && event.type === type)!;
    },
    /** Publishes an answer (or re-delivers an earlier envelope) and waits until orders consumed it. */
    async deliver(envelope: EventEnvelope, topic: string) {
      await harness.platform.transport.publish([{ topic, key: envelope.aggregateId, envelope }]);
      await eventually(() => consumed(envelope.id));
      return envelope;
    },
    async reply<T>(contract: EventContract<T>, orderId: string, data: T) {
      return this.deliver(contract.create(orderId, data), contract.topic);
    },
    stop: () => subscription.stop(),
  };
}

/** A cart with two products (2 x 2500 + 1 x 1000 EUR) and an address, ready to order. */
export async function fillCart(harness: SubgraphHarness, shopper: Caller, withAddress = true) {
  const teapot = await catalog(harness).create({ name: 'Teapot', price: { amount: 2500, currency: 'EUR' }, categoryId: 'kitchen' });
  const cup = await catalog(harness).create({ name: 'Cup', price: { amount: 1000, currency: 'EUR' }, categoryId: 'tableware' });
  const mutate = async (op: string, variables: Record<string, unknown>) =>
    Object.values((await harness.call<Record<string, PayloadData>>(op, variables, shopper)).data!)[0]!;
  await mutate(ops.add, { p: teapot, q: 2 });
  const { cart } = await mutate(ops.add, { p: cup, q: 1 });
  if (withAddress) await mutate(ops.address, { input: address });
  return { cartId: cart.id, teapot, cup, lineIds: cart.items.map((item) => item.id) };
}

export async function placeOrder(harness: SubgraphHarness, shopper: Caller, variables: { c: string; k?: string; t?: string }): Promise<OrderPayloadData> {
  const result = await harness.call<{ placeOrder: OrderPayloadData }>(orderOps.place, { k: randomUUID(), t: 'tok_visa', ...variables }, shopper);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.placeOrder;
}

export async function readOrder(harness: SubgraphHarness, caller: Caller, id: string): Promise<OrderData | null> {
  const result = await harness.call<{ order: OrderData | null }>(orderOps.order, { id }, caller);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.order;
}

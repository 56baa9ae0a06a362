import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { eq } from 'drizzle-orm';
import { ordersTopic, orderTopics, type EventContract, type EventEnvelope } from '@shop/events';
import { eventually, type Caller, type SubgraphHarness } from '@shop/testkit';
import { inbox } from '../src/db/schema';
import { catalog, rootField } from './helpers';
import { AddToCartDocument, PlaceOrderDocument, ReadOrderDocument, SetShippingAddressDocument } from './__generated__/graphql';

export const address = { name: 'Ada Lovelace', line1: '1 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

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
  const consumed = async (eventId: string) => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, eventId))).length === 1;
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
  const mutate = async <TData extends object, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables) =>
    rootField((await harness.call(document, variables, shopper)).data!);
  await mutate(AddToCartDocument, { productId: teapot, quantity: 2 });
  const { cart } = await mutate(AddToCartDocument, { productId: cup, quantity: 1 });
  if (withAddress) await mutate(SetShippingAddressDocument, { input: address });
  return { cartId: cart.id, teapot, cup, lineIds: cart.items.map((item) => item.id) };
}

export async function placeOrder(harness: SubgraphHarness, shopper: Caller, variables: { cartId: string; idempotencyKey?: string; paymentToken?: string }) {
  const result = await harness.call(PlaceOrderDocument, { idempotencyKey: randomUUID(), paymentToken: 'tok_visa', ...variables }, shopper);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.placeOrder;
}

export async function readOrder(harness: SubgraphHarness, caller: Caller, id: string) {
  const result = await harness.call(ReadOrderDocument, { id }, caller);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.order ?? null;
}

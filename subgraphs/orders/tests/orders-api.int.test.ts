import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderDiscounted, orderShippingQuoted, orderTaxed, paymentCaptured, shipmentCreated, shipmentShipped, stockReserved } from '@shop/events';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { admin, customer, userRef } from './helpers';
import { fakeParticipants, fillCart, placeOrder, readOrder } from './saga-helpers';
import { AllOrdersDocument, CancelOrderDocument, MyCartDocument, PlaceOrderDocument, UserOrdersDocument } from './__generated__/graphql';

describe.each(sqlBackends)('placing, cancelling and listing orders on %s', (backend) => {
  let harness: SubgraphHarness;
  let participants: Awaited<ReturnType<typeof fakeParticipants>>;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend });
    participants = await fakeParticipants(harness);
  });
  afterAll(async () => {
    await participants.stop();
    await harness.stop();
  });

  async function cancel(caller: ReturnType<typeof customer>, orderId: string, reason?: string) {
    const result = await harness.call(CancelOrderDocument, { orderId, reason }, caller);
    expect(result.errors).toBeUndefined();
    return result.data!.cancelOrder;
  }

  it('the same idempotency key gives the same order, also when sent ten times at once; the cart is then spent', async () => {
    const shopper = customer();
    const { cartId } = await fillCart(harness, shopper);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(harness, shopper, { cartId, idempotencyKey: key })));
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    expect(new Set(results.map((result) => result.order!.id)).size).toBe(1);
    const orderId = results[0]!.order!.id;
    await participants.next(orderId, 'order.placed');
    expect(participants.of(orderId, 'order.placed')).toHaveLength(1);

    const again = await placeOrder(harness, shopper, { cartId });
    expect(again).toEqual({
      order: null,
      errors: [{ code: 'CART_ALREADY_ORDERED', field: 'cartId', message: 'This cart was already ordered; use your new cart' }],
    });
    const fresh = (await harness.call(MyCartDocument, {}, shopper)).data!.cart;
    expect(fresh.id).not.toBe(cartId);
    expect(fresh.itemCount).toBe(0);
  });

  it('a key reused for another cart or token is refused', async () => {
    const shopper = customer();
    const first = await fillCart(harness, shopper);
    const key = randomUUID();
    await placeOrder(harness, shopper, { cartId: first.cartId, idempotencyKey: key });
    const second = await fillCart(harness, shopper);
    const reused = {
      order: null,
      errors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: 'This idempotency key was used for another order' }],
    };
    expect(await placeOrder(harness, shopper, { cartId: second.cartId, idempotencyKey: key })).toEqual(reused);
    expect(await placeOrder(harness, shopper, { cartId: first.cartId, idempotencyKey: key, paymentToken: 'tok_chargeDeclined' })).toEqual(reused);
  });

  it('refuses bad input with typed errors and writes nothing', async () => {
    const shopper = customer();
    const empty = (await harness.call(MyCartDocument, {}, shopper)).data!.cart.id;
    expect((await placeOrder(harness, shopper, { cartId: empty })).errors.map((e) => e.code)).toEqual(['EMPTY_CART']);
    const noAddress = await fillCart(harness, shopper, false);
    expect((await placeOrder(harness, shopper, { cartId: noAddress.cartId })).errors.map((e) => e.code)).toEqual(['NO_SHIPPING_ADDRESS']);
    expect(
      (await placeOrder(harness, shopper, { cartId: noAddress.cartId, idempotencyKey: 'has space', paymentToken: '4242424242424242' })).errors.map(
        (e) => e.code,
      ),
    ).toEqual(['INVALID_IDEMPOTENCY_KEY', 'INVALID_PAYMENT_TOKEN']);
    expect((await placeOrder(harness, customer(), { cartId: noAddress.cartId })).errors.map((e) => e.code)).toEqual(['CART_NOT_FOUND']);
    const notUuid = await harness.call(PlaceOrderDocument, { cartId: 'cart-1', idempotencyKey: 'k', paymentToken: 'tok_visa' }, shopper);
    expect(notUuid.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const anonymous = await harness.call(PlaceOrderDocument, { cartId: noAddress.cartId, idempotencyKey: 'k', paymentToken: 'tok_visa' });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const mine = await harness.call(UserOrdersDocument, { representations: userRef(shopper.userId) }, shopper);
    expect(entitiesOf('User', mine.data!._entities)[0]!.orders.totalCount).toBe(0);
  });

  it('the customer cancels before shipment; after shipment, or for someone else, it is refused', async () => {
    const shopper = customer();
    const { cartId } = await fillCart(harness, shopper);
    const { order } = await placeOrder(harness, shopper, { cartId });
    expect(await cancel(customer(), order!.id)).toEqual({ order: null, errors: [{ code: 'NOT_FOUND', field: 'orderId', message: 'No such order' }] });
    expect((await cancel(shopper, order!.id, ' ')).errors.map((e) => e.code)).toEqual(['INVALID_REASON']);
    expect(await cancel(shopper, order!.id, 'Changed my mind')).toEqual({
      order: { id: order!.id, status: 'CANCELLED', cancellation: { code: 'CANCELLED_BY_CUSTOMER', reason: 'Changed my mind' } },
      errors: [],
    });
    expect((await participants.next(order!.id, 'order.cancelled')).data).toMatchObject({ code: 'CANCELLED_BY_CUSTOMER', previousStatus: 'PENDING' });
    expect((await cancel(shopper, order!.id)).errors.map((e) => e.code)).toEqual(['NOT_CANCELLABLE']);

    const shipped = await fillCart(harness, shopper);
    const placed = (await placeOrder(harness, shopper, { cartId: shipped.cartId })).order!;
    const id = placed.id;
    // Walk it to SHIPPED through the saga's answers.
    await participants.reply(orderDiscounted, id, { orderId: id, discount: { amount: 0, currency: 'EUR' }, lines: [], promotions: [] });
    await participants.reply(orderShippingQuoted, id, { orderId: id, carrier: 'DHL', cost: { amount: 0, currency: 'EUR' } });
    await participants.reply(orderTaxed, id, { orderId: id, tax: { amount: 0, currency: 'EUR' }, lines: [] });
    await participants.reply(stockReserved, id, { orderId: id, items: [{ productId: shipped.teapot, quantity: 2 }], expiresAt: new Date().toISOString() });
    await participants.reply(paymentCaptured, id, { paymentId: 'p', orderId: id, amount: { amount: 6000, currency: 'EUR' } });
    const shipment = { orderId: id, shipmentId: 's', customerId: shopper.userId, carrier: 'DHL', trackingNumber: 'T1', at: new Date().toISOString() };
    await participants.reply(shipmentCreated, id, shipment);
    await participants.reply(shipmentShipped, id, shipment);
    expect(await cancel(shopper, id)).toEqual({
      order: { id, status: 'SHIPPED', cancellation: null },
      errors: [{ code: 'NOT_CANCELLABLE', field: 'orderId', message: 'An order that is shipped can no longer be cancelled' }],
    });
    // An admin may cancel any customer's order before shipment.
    const third = await fillCart(harness, shopper);
    const pending = (await placeOrder(harness, shopper, { cartId: third.cartId })).order!;
    expect((await cancel(admin(), pending.id)).order).toEqual({
      id: pending.id,
      status: 'CANCELLED',
      cancellation: { code: 'CANCELLED_BY_ADMIN', reason: 'Cancelled by the shop.' },
    });
  });

  it('lists a customer their own orders newest first in pages, admins every order, and hides orders from others', async () => {
    const shopper = customer();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { cartId } = await fillCart(harness, shopper);
      ids.push((await placeOrder(harness, shopper, { cartId })).order!.id);
    }
    const page = async (variables: { first: number; after?: string | null }) =>
      entitiesOf('User', (await harness.call(UserOrdersDocument, { representations: userRef(shopper.userId), ...variables }, shopper)).data!._entities)[0]!
        .orders;
    const first = await page({ first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await page({ first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...rest.edges].map((edge) => edge.node.id)).toEqual([...ids].reverse());
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const snooping = await harness.call(UserOrdersDocument, { representations: userRef(shopper.userId) }, customer());
    expect(snooping.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await readOrder(harness, customer(), ids[0]!)).toBeNull();
    expect((await readOrder(harness, admin(), ids[0]!))!.id).toBe(ids[0]);
    expect((await harness.call(AllOrdersDocument, {}, shopper)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const all = await harness.call(AllOrdersDocument, { status: 'PENDING', first: 100 }, admin());
    expect(all.data!.orders.edges.map((edge) => edge.node.id)).toEqual(expect.arrayContaining(ids));
    expect((await harness.call(AllOrdersDocument, { first: 10_000 }, admin())).errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

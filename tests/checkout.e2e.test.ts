import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AdvanceShipmentDocument,
  CancelOrderDocument,
  CreatePromotionDocument,
  OrderShipmentIdDocument,
  StockMovementsDocument,
} from './__generated__/graphql';
import { openCheckoutShop, orderWhen, placeOrder, shopperWithCart, stockedProduct, stockOf, watchOrder } from './support/checkout-actors';
import type { ServicesShop } from '../scripts/services-shop';
import { type Actor } from './support/shop-actors';

const bounded = { timeout: 60_000, interval: 50 };
const terminal = ['CONFIRMED', 'CANCELLED'];

/**
 * The checkout saga end to end through the router, every subgraph wired as in services mode:
 * its own PostgreSQL database, events over real Kafka, live pushes over Redis.
 */
describe('checkout through the router on PostgreSQL, Kafka and Redis', () => {
  let shop: ServicesShop;
  let admin: Actor;
  let categoryId: string;

  beforeAll(async () => {
    ({ shop, admin, categoryId } = await openCheckoutShop());
    const coupon = await shop.client(
      CreatePromotionDocument,
      { input: { name: 'Save 10', kind: 'PERCENTAGE', value: 1000, couponCode: 'SAVE10' } },
      { token: admin.token },
    );
    expect(coupon.data?.createPromotion.errors).toEqual([]);
  });
  afterAll(() => shop?.stop());

  it('quotes the cart exactly, charges that quote, and streams every status in order with payment and shipment fields', async () => {
    const teapot = await stockedProduct(shop.client, admin, categoryId, 2500, 5);
    const cup = await stockedProduct(shop.client, admin, categoryId, 1000, 5);
    const { shopper, cartId, quote } = await shopperWithCart(
      shop.client,
      shop.routerUrl,
      [
        [teapot, 2],
        [cup, 1],
      ],
      'SAVE10',
    );
    // 2 x 25.00 + 10.00 = 60.00; SAVE10 takes 6.00; DHL 4.99; VAT 20 % of 45.00 + 9.00 + 4.99 = 11.80.
    await vi.waitFor(async () => expect((await quote()).discount?.total.amount).toBe(600), bounded);
    expect(await quote()).toMatchObject({
      subtotal: { amount: 6000, currency: 'EUR' },
      discount: { total: { amount: 600, currency: 'EUR' }, promotions: [{ name: 'Save 10', couponCode: 'SAVE10', amount: { amount: 600 } }] },
      shippingCost: { amount: 499, currency: 'EUR' },
      tax: { total: { amount: 1180, currency: 'EUR' } },
    });

    const orderId = await placeOrder(shop.client, shopper, cartId);
    const watch = watchOrder(shop.routerUrl, shopper, orderId);
    await vi.waitFor(() => expect(watch.seen.events.at(-1)?.data?.orderStatusChanged.status).toBe('CONFIRMED'), bounded);
    const events = watch.seen.events.map((event) => event.data!.orderStatusChanged);
    expect(events.map((event) => [event.position, event.previousStatus, event.status])).toEqual([
      [1, null, 'PENDING'],
      [2, 'PENDING', 'PRICED'],
      [3, 'PRICED', 'STOCK_RESERVED'],
      [4, 'STOCK_RESERVED', 'PAID'],
      [5, 'PAID', 'CONFIRMED'],
    ]);
    expect(events.at(-1)!.order).toMatchObject({
      id: orderId,
      total: { amount: 7079 },
      payment: { status: 'CAPTURED' },
      shipment: { trackingNumber: expect.stringMatching(/^DHL/) },
    });

    const order = await orderWhen(shop.client, shopper, orderId, ['CONFIRMED']);
    expect(order).toMatchObject({
      subtotal: { amount: 6000, currency: 'EUR' },
      discount: { amount: 600 },
      shippingCost: { amount: 499 },
      tax: { amount: 1180 },
      total: { amount: 7079, currency: 'EUR' },
      carrier: 'DHL',
      cancellation: null,
      payment: { status: 'CAPTURED', amount: { amount: 7079 }, capturedAmount: { amount: 7079 }, refundedAmount: { amount: 0 } },
      shipment: { status: 'PENDING', carrier: 'DHL' },
    });
    expect(order.taxLines.reduce((sum, line) => sum + line.amount.amount, 0)).toBe(1180);
    await vi.waitFor(async () => expect([await stockOf(shop.client, teapot), await stockOf(shop.client, cup)]).toEqual([3, 4]), bounded);

    const shipmentId = (await shop.client(OrderShipmentIdDocument, { id: orderId }, { token: admin.token })).data!.order!.shipment!.id;
    for (const status of ['SHIPPED', 'DELIVERED']) {
      const advanced = await shop.client(AdvanceShipmentDocument, { shipmentId }, { token: admin.token });
      expect(advanced.data?.advanceShipment).toEqual({ shipment: { status }, errors: [] });
    }
    await vi.waitFor(() => expect(watch.seen.completed).toBe(true), bounded);
    expect(watch.seen.events.map((event) => event.data!.orderStatusChanged.status).slice(5)).toEqual(['SHIPPED', 'DELIVERED']);
    await watch.dispose();
  });

  it('a declined card cancels the order with a readable reason and puts the held stock back once', async () => {
    const kettle = await stockedProduct(shop.client, admin, categoryId, 1500, 2);
    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[kettle, 2]]);
    const orderId = await placeOrder(shop.client, shopper, cartId, 'tok_chargeDeclined');
    const order = await orderWhen(shop.client, shopper, orderId, terminal);
    expect(order).toMatchObject({
      status: 'CANCELLED',
      cancellation: { code: 'PAYMENT_DECLINED', reason: 'Payment failed: Your card was declined.' },
      payment: { status: 'DECLINED', capturedAmount: { amount: 0 } },
      shipment: null,
    });
    expect(order.statusHistory.map((entry) => entry.status)).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'CANCELLED']);
    await vi.waitFor(async () => expect(await stockOf(shop.client, kettle)).toBe(2), bounded);
    const movements = await shop.client(StockMovementsDocument, { productId: kettle }, { token: admin.token });
    expect(movements.data!.stockMovements.edges.map((edge) => [edge.node.kind, edge.node.delta])).toEqual([['ADJUSTMENT', 2]]);
  });

  it('50 concurrent orders for the last unit: exactly one is CONFIRMED, the others CANCELLED out of stock, stock ends at 0', async () => {
    const lastOne = await stockedProduct(shop.client, admin, categoryId, 999, 1);
    const carts = await Promise.all(Array.from({ length: 50 }, () => shopperWithCart(shop.client, shop.routerUrl, [[lastOne, 1]])));
    const orderIds = await Promise.all(carts.map(({ shopper, cartId }) => placeOrder(shop.client, shopper, cartId)));
    // The sagas run side by side; reading their outcomes one by one keeps the polling light.
    const outcomes = [];
    for (const [i, id] of orderIds.entries()) outcomes.push(await orderWhen(shop.client, carts[i]!.shopper, id, terminal));
    expect(outcomes.filter((order) => order.status === 'CONFIRMED')).toHaveLength(1);
    const cancelled = outcomes.filter((order) => order.status === 'CANCELLED');
    expect(cancelled).toHaveLength(49);
    expect(new Set(cancelled.map((order) => order.cancellation?.code))).toEqual(new Set(['OUT_OF_STOCK']));
    expect(cancelled.every((order) => order.payment === null)).toBe(true);
    expect(await stockOf(shop.client, lastOne)).toBe(0);
  });

  it('the customer cancels a confirmed order before shipment: refunded in full, units back on hand, shipment cancelled', async () => {
    const lamp = await stockedProduct(shop.client, admin, categoryId, 4000, 3);
    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[lamp, 1]]);
    const orderId = await placeOrder(shop.client, shopper, cartId);
    const confirmed = await orderWhen(shop.client, shopper, orderId, terminal);
    expect(confirmed.status).toBe('CONFIRMED');
    const cancelled = await shop.client(CancelOrderDocument, { orderId, reason: 'Found a cheaper one' }, { token: shopper.token });
    expect(cancelled.data?.cancelOrder).toEqual({ order: { id: orderId, status: 'CANCELLED' }, errors: [] });
    await vi.waitFor(async () => {
      const order = await orderWhen(shop.client, shopper, orderId, ['CANCELLED']);
      expect(order).toMatchObject({
        cancellation: { code: 'CANCELLED_BY_CUSTOMER', reason: 'Found a cheaper one' },
        payment: { status: 'REFUNDED', refundedAmount: { amount: confirmed.total!.amount } },
        shipment: { status: 'CANCELLED' },
      });
      expect(await stockOf(shop.client, lamp)).toBe(3);
    }, bounded);
  });

  it('only the order’s customer may watch it', async () => {
    const vase = await stockedProduct(shop.client, admin, categoryId, 800, 1);
    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[vase, 1]]);
    const orderId = await placeOrder(shop.client, shopper, cartId);
    const stranger = (await shopperWithCart(shop.client, shop.routerUrl, [[vase, 1]])).shopper;
    const snooping = watchOrder(shop.routerUrl, stranger, orderId);
    await vi.waitFor(() => expect(snooping.seen.events[0]?.errors?.map((e) => e.extensions?.code) ?? snooping.seen.error).toEqual(['NOT_FOUND']), bounded);
    expect(snooping.seen.events.some((event) => event.data)).toBe(false);
    const anonymous = watchOrder(shop.routerUrl, null, orderId);
    await vi.waitFor(
      () => expect(anonymous.seen.events[0]?.errors?.map((e) => e.extensions?.code) ?? anonymous.seen.error).toEqual(['UNAUTHENTICATED']),
      bounded,
    );
    await Promise.all([snooping.dispose(), anonymous.dispose()]);
  });
});

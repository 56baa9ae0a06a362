import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  orderDiscounted,
  orderShippingQuoted,
  orderShippingUnavailable,
  orderTaxed,
  paymentCaptured,
  paymentFailed,
  shipmentCreated,
  shipmentDelivered,
  shipmentShipped,
  stockRejected,
  stockReleased,
  stockReserved,
} from '@shop/events';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { customer } from './helpers';
import { fakeParticipants, fillCart, placeOrder, readOrder } from './saga-helpers';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const statuses = (order: { statusHistory: Array<{ status: string }> } | null) => order?.statusHistory.map((entry) => entry.status);

describe.each(sqlBackends)('the checkout saga orchestrator on %s', (backend) => {
  let harness: SubgraphHarness;
  let participants: Awaited<ReturnType<typeof fakeParticipants>>;

  beforeAll(async () => {
    // Status changes published too, so the test reads every one of them (off by default: status-events.int.test.ts).
    harness = await startSubgraphHarness({ module: ordersModule, config: { publishStatusChanges: true }, backend });
    participants = await fakeParticipants(harness);
  });
  afterAll(async () => {
    await participants.stop();
    await harness.stop();
  });

  /** Places an order and answers discount, shipping and tax: the order is PRICED. */
  async function pricedOrder(shopper: Caller) {
    const cart = await fillCart(harness, shopper);
    const { order } = await placeOrder(harness, shopper, { cartId: cart.cartId });
    const orderId = order!.id;
    await participants.next(orderId, 'order.placed');
    await participants.reply(orderDiscounted, orderId, {
      orderId,
      discount: eur(600),
      lines: [
        { lineId: cart.lineIds[0]!, discount: eur(500) },
        { lineId: cart.lineIds[1]!, discount: eur(100) },
      ],
      promotions: [{ promotionId: 'promo-1', name: '10 % off', couponCode: null, amount: eur(600) }],
    });
    await participants.reply(orderShippingQuoted, orderId, { orderId, carrier: 'DHL', cost: eur(499) });
    await participants.next(orderId, 'order.tax-requested');
    await participants.reply(orderTaxed, orderId, {
      orderId,
      tax: eur(1180),
      lines: [{ lineId: cart.lineIds[0]!, name: 'VAT', rateBasisPoints: 2000, amount: 1180 }],
    });
    return { ...cart, orderId };
  }

  it('places a PENDING order from the cart and starts the saga with order.placed', async () => {
    const shopper = customer();
    const cart = await fillCart(harness, shopper);
    const { order, errors } = await placeOrder(harness, shopper, { cartId: cart.cartId });
    expect(errors).toEqual([]);
    expect(order).toMatchObject({
      status: 'PENDING',
      currency: 'EUR',
      customer: { id: shopper.userId },
      subtotal: eur(6000),
      discount: null,
      total: null,
      cancellable: true,
      statusHistory: [{ position: 1, status: 'PENDING', previousStatus: null, reason: null }],
    });
    expect(order!.lines.map(({ productName, quantity }) => ({ productName, quantity }))).toEqual([
      { productName: 'Teapot', quantity: 2 },
      { productName: 'Cup', quantity: 1 },
    ]);
    const placed = await participants.next(order!.id, 'order.placed');
    expect(placed.data).toEqual({
      orderId: order!.id,
      customerId: shopper.userId,
      currency: 'EUR',
      lines: [
        {
          lineId: cart.lineIds[0],
          productId: cart.teapot,
          variantId: cart.teapot,
          sku: `SKU-${cart.teapot}`,
          categoryId: 'kitchen',
          quantity: 2,
          unitPrice: eur(2500),
        },
        {
          lineId: cart.lineIds[1],
          productId: cart.cup,
          variantId: cart.cup,
          sku: `SKU-${cart.cup}`,
          categoryId: 'tableware',
          quantity: 1,
          unitPrice: eur(1000),
        },
      ],
      couponCode: null,
      shippingAddress: { name: 'Ada Lovelace', line1: '1 Analytical Row', line2: null, city: 'London', region: null, postalCode: 'N1 9GU', country: 'GB' },
      subtotal: eur(6000),
      shippingMethodId: null,
    });
  });

  it('records a coupon promotions dropped: Order.couponRejection and the reason of the PRICED entry', async () => {
    const shopper = customer();
    const cart = await fillCart(harness, shopper);
    const { order } = await placeOrder(harness, shopper, { cartId: cart.cartId });
    const orderId = order!.id;
    await participants.next(orderId, 'order.placed');
    await participants.reply(orderDiscounted, orderId, {
      orderId,
      discount: eur(0),
      lines: cart.lineIds.map((lineId) => ({ lineId, discount: eur(0) })),
      promotions: [],
      rejectedCoupon: { code: 'HALFONCE', reason: 'USAGE_LIMIT_REACHED' },
    });
    await participants.reply(orderShippingQuoted, orderId, { orderId, carrier: 'DHL', cost: eur(499) });
    await participants.next(orderId, 'order.tax-requested');
    await participants.reply(orderTaxed, orderId, { orderId, tax: eur(0), lines: [] });
    const priced = await readOrder(harness, shopper, orderId);
    const message = 'The coupon HALFONCE has reached its usage limit.';
    expect(priced).toMatchObject({
      status: 'PRICED',
      discount: eur(0),
      total: eur(6499),
      couponRejection: { couponCode: 'HALFONCE', code: 'COUPON_USAGE_LIMIT_REACHED', message, missingAmount: null },
    });
    expect(priced!.statusHistory.map(({ status, reason }) => [status, reason])).toEqual([
      ['PENDING', null],
      ['PRICED', message],
    ]);
    const other = customer();
    expect((await readOrder(harness, other, (await pricedOrder(other)).orderId))?.couponRejection).toBeNull(); // a coupon that priced the order, or none: null
  });

  it('drives an order through every step to CONFIRMED with exact money, then SHIPPED and DELIVERED', async () => {
    const shopper = customer();
    const { orderId, lineIds, teapot, cup } = await pricedOrder(shopper);
    const taxRequest = participants.of(orderId, 'order.tax-requested');
    expect(taxRequest).toHaveLength(1);
    expect(taxRequest[0]!.data).toMatchObject({
      lines: [
        { lineId: lineIds[0], productId: teapot, categoryId: 'kitchen', quantity: 2, netAmount: eur(4500) },
        { lineId: lineIds[1], productId: cup, categoryId: 'tableware', quantity: 1, netAmount: eur(900) },
      ],
      shippingCost: eur(499),
    });
    const reservation = await participants.next(orderId, 'order.stock-reservation-requested');
    expect(reservation.data).toEqual({
      orderId,
      items: [
        { productId: teapot, variantId: teapot, quantity: 2 },
        { productId: cup, variantId: cup, quantity: 1 },
      ],
    });
    expect(await readOrder(harness, shopper, orderId)).toMatchObject({
      status: 'PRICED',
      discount: eur(600),
      shippingCost: eur(499),
      tax: eur(1180),
      total: eur(7079),
      carrier: 'DHL',
    });

    await participants.reply(stockReserved, orderId, {
      orderId,
      items: [{ productId: teapot, quantity: 2 }],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect((await participants.next(orderId, 'order.payment-requested')).data).toEqual({
      orderId,
      customerId: shopper.userId,
      amount: eur(7079),
      paymentToken: 'tok_visa',
    });
    await participants.reply(paymentCaptured, orderId, { paymentId: 'pay-1', orderId, amount: eur(7079) });
    expect((await participants.next(orderId, 'order.shipment-requested')).data).toMatchObject({
      orderId,
      carrier: 'DHL',
      items: [
        { productId: teapot, variantId: teapot, quantity: 2 },
        { productId: cup, variantId: cup, quantity: 1 },
      ],
    });
    const shipment = { orderId, shipmentId: 'ship-1', customerId: shopper.userId, carrier: 'DHL', trackingNumber: 'DHL000001', at: new Date().toISOString() };
    await participants.reply(shipmentCreated, orderId, shipment);
    expect((await participants.next(orderId, 'order.confirmed')).data).toEqual({
      orderId,
      customerId: shopper.userId,
      total: eur(7079),
      items: [
        { productId: teapot, variantId: teapot, quantity: 2 },
        { productId: cup, variantId: cup, quantity: 1 },
      ],
      promotionIds: ['promo-1'],
    });
    const confirmed = await readOrder(harness, shopper, orderId);
    expect(confirmed).toMatchObject({
      status: 'CONFIRMED',
      cancellable: true,
      appliedPromotions: [{ promotionId: 'promo-1', name: '10 % off', couponCode: null, amount: eur(600) }],
    });
    expect(confirmed!.lines.map((line) => line.discount)).toEqual([{ amount: 500 }, { amount: 100 }]);

    await participants.reply(shipmentShipped, orderId, shipment);
    await participants.reply(shipmentDelivered, orderId, shipment);
    const delivered = await readOrder(harness, shopper, orderId);
    expect(statuses(delivered)).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'PAID', 'CONFIRMED', 'SHIPPED', 'DELIVERED']);
    expect(delivered!.statusHistory.map((entry) => entry.previousStatus)).toEqual([
      null,
      'PENDING',
      'PRICED',
      'STOCK_RESERVED',
      'PAID',
      'CONFIRMED',
      'SHIPPED',
    ]);
    expect(delivered).toMatchObject({ status: 'DELIVERED', cancellable: false });
    expect(participants.of(orderId, 'order.status-changed').map((event) => (event.data as { status: string }).status)).toEqual(statuses(delivered));
  });

  it('applies each answer once: a redelivered answer changes nothing and asks nothing twice', async () => {
    const shopper = customer();
    const { orderId, teapot } = await pricedOrder(shopper);
    const reserved = await participants.reply(stockReserved, orderId, {
      orderId,
      items: [{ productId: teapot, quantity: 2 }],
      expiresAt: new Date().toISOString(),
    });
    await participants.deliver(reserved, stockReserved.topic);
    const taxed = participants.of(orderId, 'order.tax-requested');
    expect(taxed).toHaveLength(1);
    await participants.next(orderId, 'order.payment-requested');
    expect(participants.of(orderId, 'order.payment-requested')).toHaveLength(1);
    expect(statuses(await readOrder(harness, shopper, orderId))).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED']);
  });

  it('cancels on a declined payment with a readable reason and asks participants to undo', async () => {
    const shopper = customer();
    const { orderId, teapot, cup } = await pricedOrder(shopper);
    await participants.reply(stockReserved, orderId, { orderId, items: [{ productId: teapot, quantity: 2 }], expiresAt: new Date().toISOString() });
    await participants.reply(paymentFailed, orderId, { paymentId: 'pay-2', orderId, stage: 'authorization', reason: 'CARD_DECLINED' });
    const order = await readOrder(harness, shopper, orderId);
    expect(order).toMatchObject({
      status: 'CANCELLED',
      cancellable: false,
      cancellation: { code: 'PAYMENT_DECLINED', reason: 'Payment failed: Your card was declined.' },
    });
    expect(statuses(order)).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'CANCELLED']);
    expect((await participants.next(orderId, 'order.cancelled')).data).toEqual({
      orderId,
      customerId: shopper.userId,
      code: 'PAYMENT_DECLINED',
      reason: 'Payment failed: Your card was declined.',
      previousStatus: 'STOCK_RESERVED',
      items: [
        { productId: teapot, variantId: teapot, quantity: 2 },
        { productId: cup, variantId: cup, quantity: 1 },
      ],
    });
    // A late answer to a cancelled order is ignored.
    await participants.reply(paymentCaptured, orderId, { paymentId: 'pay-2', orderId, amount: eur(7079) });
    expect(statuses(await readOrder(harness, shopper, orderId))).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'CANCELLED']);
    expect(participants.of(orderId, 'order.shipment-requested')).toEqual([]);
  });

  it('cancels when stock is short (naming the product), when shipping is impossible, and when the hold expires', async () => {
    const shopper = customer();
    const short = await pricedOrder(shopper);
    await participants.reply(stockRejected, short.orderId, { orderId: short.orderId, productIds: [short.cup], reason: 'OUT_OF_STOCK' });
    expect((await readOrder(harness, shopper, short.orderId))!.cancellation).toEqual({ code: 'OUT_OF_STOCK', reason: 'Not enough stock for Cup.' });

    const far = await fillCart(harness, shopper);
    const { order } = await placeOrder(harness, shopper, { cartId: far.cartId });
    await participants.reply(orderShippingUnavailable, order!.id, { orderId: order!.id, country: 'GB', reason: 'no rate' });
    expect(await readOrder(harness, shopper, order!.id)).toMatchObject({
      status: 'CANCELLED',
      cancellation: { code: 'SHIPPING_UNAVAILABLE', reason: 'We do not ship to GB.' },
    });

    const slow = await pricedOrder(shopper);
    await participants.reply(stockReserved, slow.orderId, {
      orderId: slow.orderId,
      items: [{ productId: slow.teapot, quantity: 2 }],
      expiresAt: new Date().toISOString(),
    });
    await participants.reply(stockReleased, slow.orderId, { orderId: slow.orderId, items: [{ productId: slow.teapot, quantity: 2 }], reason: 'expired' });
    expect(await readOrder(harness, shopper, slow.orderId)).toMatchObject({ status: 'CANCELLED', cancellation: { code: 'RESERVATION_EXPIRED' } });
    expect(participants.of(slow.orderId, 'order.cancelled')).toHaveLength(1);
  });
});

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  orderDiscounted,
  orderShippingQuoted,
  orderTaxed,
  paymentCaptured,
  returnRefunded,
  shipmentCreated,
  shipmentDelivered,
  shipmentShipped,
  stockReserved,
  type Money,
} from '@shop/events';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { admin, customer, rootField } from './helpers';
import { fakeParticipants, fillCart, placeOrder } from './saga-helpers';
import { ApproveReturnDocument, MarkReturnReceivedDocument, OrderReturnsDocument, ReadReturnDocument, RequestReturnDocument } from './__generated__/graphql';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
describe.each(sqlBackends)('returns in the orders subgraph on %s', (backend) => {
  let harness: SubgraphHarness;
  let participants: Awaited<ReturnType<typeof fakeParticipants>>;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: { returnWindowDays: 14 }, backend });
    participants = await fakeParticipants(harness);
  });
  afterAll(async () => {
    await participants.stop();
    await harness.stop();
  });

  const call = async <TData extends object, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, caller: Caller) => {
    const result = await harness.call(document, variables, caller);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return rootField(result.data!);
  };

  /** 2 x 25.00 teapot + 1 x 10.00 cup, 6.00 off (5.00 / 1.00), DHL 4.99, tax 11.80: 70.79, delivered. */
  async function deliveredOrder(shopper: Caller) {
    const cart = await fillCart(harness, shopper);
    const orderId = (await placeOrder(harness, shopper, { cartId: cart.cartId })).order!.id;
    await participants.next(orderId, 'order.placed');
    await participants.reply(orderDiscounted, orderId, {
      orderId,
      discount: eur(600),
      lines: [
        { lineId: cart.lineIds[0]!, discount: eur(500) },
        { lineId: cart.lineIds[1]!, discount: eur(100) },
      ],
      promotions: [],
    });
    await participants.reply(orderShippingQuoted, orderId, { orderId, carrier: 'DHL', cost: eur(499) });
    await participants.next(orderId, 'order.tax-requested');
    await participants.reply(orderTaxed, orderId, { orderId, tax: eur(1180), lines: [] });
    await participants.reply(stockReserved, orderId, {
      orderId,
      items: [{ productId: cart.teapot, quantity: 2 }],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await participants.reply(paymentCaptured, orderId, { paymentId: 'pay-1', orderId, amount: eur(7079) });
    const shipment = { orderId, shipmentId: 'ship-1', customerId: shopper.userId, carrier: 'DHL', trackingNumber: 'DHL000001', at: new Date().toISOString() };
    for (const contract of [shipmentCreated, shipmentShipped, shipmentDelivered]) await participants.reply(contract, orderId, shipment);
    return { orderId, teapotLine: cart.lineIds[0]!, cupLine: cart.lineIds[1]!, teapot: cart.teapot, cup: cart.cup };
  }

  it('of ten concurrent requests for the last unit, exactly one is written', async () => {
    const shopper = customer();
    const { orderId, cupLine } = await deliveredOrder(shopper);
    const input = { orderId, lines: [{ lineId: cupLine, quantity: 1 }], reason: 'Chipped' };
    const results = await Promise.all(Array.from({ length: 10 }, () => call(RequestReturnDocument, { input }, shopper)));
    expect(results.filter((result) => result.return !== null)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors.map((error) => error.code))).toEqual(Array.from({ length: 9 }, () => 'RETURN_QUANTITY_EXCEEDED'));
    const order = await call(OrderReturnsDocument, { id: orderId }, shopper);
    expect(order!.returns.map((ret) => ret.status)).toEqual(['REQUESTED']);
  });

  it('asks inventory and payments once at receipt, and a redelivered return.refunded moves it to REFUNDED once', async () => {
    const shopper = customer();
    const boss = admin();
    const { orderId, teapotLine, teapot } = await deliveredOrder(shopper);
    const requested = await call(RequestReturnDocument, { input: { orderId, lines: [{ lineId: teapotLine, quantity: 1 }], reason: 'Too big' } }, shopper);
    const returnId = requested.return!.id;
    // One teapot: 22.50 net + floor(11.80 x 22.50 / 58.99) = 4.50 of the tax.
    expect(requested.return!.refund).toEqual({ amount: 2700 });
    expect((await call(ApproveReturnDocument, { returnId }, boss)).errors).toEqual([]);
    expect((await call(MarkReturnReceivedDocument, { returnId }, boss)).return).toMatchObject({ status: 'RECEIVED', refund: { amount: 2700 } });
    const received = await participants.next(orderId, 'return.received');
    expect(received.data).toEqual({
      returnId,
      orderId,
      customerId: shopper.userId,
      items: [{ lineId: teapotLine, productId: teapot, variantId: teapot, quantity: 1 }],
      refund: eur(2700),
    });
    const refunded = await participants.reply(returnRefunded, orderId, { returnId, orderId, refund: eur(2700) });
    await participants.deliver(refunded, returnRefunded.topic);
    await participants.reply(returnRefunded, orderId, { returnId, orderId, refund: eur(2700) });
    const ret = await call(ReadReturnDocument, { id: returnId }, shopper);
    expect(ret!.statusHistory.map((entry) => [entry.position, entry.status])).toEqual([
      [1, 'REQUESTED'],
      [2, 'APPROVED'],
      [3, 'RECEIVED'],
      [4, 'REFUNDED'],
    ]);
    expect(participants.of(orderId, 'return.received')).toHaveLength(1);
    expect(await call(ReadReturnDocument, { id: returnId }, customer())).toBeNull();
  });
});

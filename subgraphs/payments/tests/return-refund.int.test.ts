import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnReceived } from '@shop/events';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { paymentsModule } from '../src';
import { outboxFor, paymentsOf, type TestPayments } from './helpers';
import { deliver, newOrderId, orderEvents } from './saga-helpers';

const money = (amount: number) => ({ amount, currency: 'EUR' });
const received = (orderId: string, returnId: string, amount: number) =>
  returnReceived.create(orderId, {
    returnId,
    orderId,
    customerId: 'customer-1',
    items: [{ lineId: 'l1', productId: 'prod-1', quantity: 1 }],
    refund: money(amount),
  });

describe.each(sqlBackends)('returns: refunds on return.received on %s', (backend) => {
  let harness: SubgraphHarness;
  let p: TestPayments;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: paymentsModule, config: { provider: 'simulated', processorRetry: { attempts: 3, backoffMs: 1 } }, backend });
    p = paymentsOf(harness);
  });
  afterAll(() => harness.stop());

  it('refunds each return once under redelivery; returns summing to the capture refund it fully', async () => {
    const orderId = newOrderId();
    await deliver(harness, orderEvents.paymentRequested(orderId, 'tok_visa', 4999));
    const [first, second] = [randomUUID(), randomUUID()];
    const firstEvent = received(orderId, first, 1200);
    await deliver(harness, firstEvent, firstEvent);
    expect((await p.stores.payments.findByOrderIds([orderId]))[0]).toMatchObject({ status: 'PARTIALLY_REFUNDED', capturedAmount: 4999, refundedAmount: 1200 });
    await deliver(harness, received(orderId, second, 3799));
    const [payment] = await p.stores.payments.findByOrderIds([orderId]);
    expect(payment).toMatchObject({ status: 'REFUNDED', refundedAmount: 4999 });
    expect(
      (await p.stores.payments.ledgerFor(payment!.id)).filter((entry) => entry.kind === 'refund').map((entry) => [entry.amount, entry.idempotencyKey]),
    ).toEqual([
      [1200, `return:${first}:refund`],
      [3799, `return:${second}:refund`],
    ]);
    const answers = (await outboxFor(harness, orderId)).filter((event) => event.type === 'return.refunded');
    expect(answers).toEqual([
      { topic: 'shop.payments', type: 'return.refunded', data: { returnId: first, orderId, refund: money(1200) } },
      { topic: 'shop.payments', type: 'return.refunded', data: { returnId: second, orderId, refund: money(3799) } },
    ]);
  });

  it('a return of an order that cost nothing is answered with a refund of 0, without a payment', async () => {
    const orderId = newOrderId();
    const returnId = randomUUID();
    await deliver(harness, received(orderId, returnId, 0));
    expect(await p.stores.payments.findByOrderIds([orderId])).toEqual([]);
    expect(await outboxFor(harness, orderId)).toEqual([{ topic: 'shop.payments', type: 'return.refunded', data: { returnId, orderId, refund: money(0) } }]);
  });
});

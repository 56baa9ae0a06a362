import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { paymentsModule, testCards } from '../src';
import { authorizeInput, capturedPayment, key, ok, paymentEventsOn, paymentsOf, type TestPayments } from './helpers';

type Events = Awaited<ReturnType<typeof paymentEventsOn>>;

/** Outbox rows reach the transport (in process here), keyed by order id, valid by their contracts. */
describe.each(sqlBackends)('payment events on %s', (backend) => {
  let harness: SubgraphHarness;
  let p: TestPayments;
  let events: Events;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: paymentsModule, config: { provider: 'simulated' }, backend });
    p = paymentsOf(harness);
    events = await paymentEventsOn(harness);
  });
  afterAll(() => harness?.stop());

  it('authorize, capture and refund publish their events in order, keyed by order id', async () => {
    const { paymentId, orderId, customerId } = await capturedPayment(p, 800);
    ok(await p.payments.refund({ idempotencyKey: key(), paymentId, amount: 800 }));
    const money = { amount: 800, currency: 'EUR' };
    expect(await events.for(orderId, 3)).toEqual([
      { key: orderId, type: 'payment.authorized', data: { paymentId, orderId, customerId, amount: money, cardBrand: 'VISA', cardLast4: '4242' } },
      { key: orderId, type: 'payment.captured', data: { paymentId, orderId, amount: money } },
      { key: orderId, type: 'payment.refunded', data: { paymentId, orderId, amount: money, refundedTotal: money, fullyRefunded: true } },
    ]);
  });

  it('a declined card publishes payment.failed with the reason', async () => {
    const input = authorizeInput(testCards.insufficientFunds);
    const paymentId = (await p.payments.authorize(input)).payment!.id;
    expect(await events.for(input.orderId, 1)).toEqual([
      { key: input.orderId, type: 'payment.failed', data: { paymentId, orderId: input.orderId, stage: 'authorization', reason: 'INSUFFICIENT_FUNDS' } },
    ]);
  });
});

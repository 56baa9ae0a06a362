import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderTopics } from '@shop/events';
import { startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { paymentsModule } from '../src';
import { capturedPayment, paymentEventsOn, paymentsOf } from './helpers';
import { newOrderId, orderEvents } from './saga-helpers';

/** Services mode: real PostgreSQL, the outbox relayed to real Kafka, saga requests consumed from it (group `payments-saga`). */
describe('payments on PostgreSQL + Kafka', () => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: paymentsModule, config: { provider: 'simulated' }, backend: 'postgres', transport: 'kafka' });
  });
  afterAll(() => harness?.stop());

  it('payment.authorized and payment.captured arrive on shop.payments keyed by order id', async () => {
    const events = await paymentEventsOn(harness);
    const { paymentId, orderId } = await capturedPayment(paymentsOf(harness), 1999);
    expect((await events.for(orderId, 2)).map((e) => [e.key, e.type, (e.data as { paymentId: string }).paymentId])).toEqual([
      [orderId, 'payment.authorized', paymentId],
      [orderId, 'payment.captured', paymentId],
    ]);
  });

  it('an order.payment-requested on shop.orders is answered by payment.captured on shop.payments', async () => {
    const events = await paymentEventsOn(harness);
    const orderId = newOrderId();
    await harness.platform.transport.publish([
      { topic: orderTopics.payments, key: orderId, envelope: orderEvents.paymentRequested(orderId, 'tok_visa', 1250) },
    ]);
    const [authorized, captured] = await events.for(orderId, 2);
    expect([authorized!.type, captured]).toEqual([
      'payment.authorized',
      { key: orderId, type: 'payment.captured', data: { paymentId: expect.any(String), orderId, amount: { amount: 1250, currency: 'EUR' } } },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { paymentsModule } from '../src';
import { capturedPayment, paymentEventsOn, paymentsOf } from './helpers';

/** Services mode: real PostgreSQL, the outbox relayed to real Kafka. */
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
});

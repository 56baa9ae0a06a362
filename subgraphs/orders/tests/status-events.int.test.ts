import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orderDiscounted, orderShippingQuoted } from '@shop/events';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { outbox } from '../src/db/schema';
import { customer } from './helpers';
import { fakeParticipants, fillCart, placeOrder } from './saga-helpers';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/**
 * `order.status-changed` is for readers outside the shop: without `publishStatusChanges` orders
 * writes none (the saga's requests still go out), with it one per status change
 * (saga.int.test.ts reads them all).
 */
describe.each(sqlBackends)('order.status-changed off by default on %s', (backend) => {
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

  it('a placed and priced order writes its saga requests and no status change', async () => {
    const shopper = customer();
    const cart = await fillCart(harness, shopper);
    const { order } = await placeOrder(harness, shopper, { cartId: cart.cartId });
    const orderId = order!.id;
    await participants.next(orderId, 'order.placed');
    await participants.reply(orderDiscounted, orderId, { orderId, discount: eur(0), lines: [], promotions: [] });
    await participants.reply(orderShippingQuoted, orderId, { orderId, carrier: 'DHL', cost: eur(499) });
    await participants.next(orderId, 'order.tax-requested');

    const written = await harness.platform.database.db
      .select({ type: outbox.type, topic: outbox.topic })
      .from(outbox)
      .where(eq(outbox.key, orderId))
      .orderBy(outbox.seq);
    expect(written.map(({ type }) => type)).toEqual(['order.placed', 'order.placed', 'order.tax-requested']);
    expect(participants.of(orderId, 'order.status-changed')).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderCancelled, type EventEnvelope, type EventHandler } from '@shop/events';
import { createLogger } from '@shop/subgraph-kit';
import { sqlBackends } from '@shop/testkit';
import { createPromotions } from '../src';
import { promotionUsages } from '../src/db/schema';
import { orderSagaHandler } from '../src/events/order-saga.consumer';
import { adminCaller, couponCode, createPromotion, promotionsSuite, unique } from './helpers';
import { cartLine, placed, discountReplies } from './saga-helpers';
import { PromotionByIdDocument, type PromotionFieldsFragment } from './__generated__/graphql';

const cancelled = (order: EventEnvelope<{ orderId: string; customerId: string }>) =>
  orderCancelled.create(order.data.orderId, {
    orderId: order.data.orderId,
    customerId: order.data.customerId,
    code: 'PAYMENT_DECLINED',
    reason: 'Payment failed: Your card was declined.',
    previousStatus: 'STOCK_RESERVED',
    items: [{ productId: 'p', quantity: 1 }],
  });

/**
 * The saga's discount step called directly and concurrently (on PostgreSQL every call has its own
 * connection and transaction): every "at most N" holds however many orders check out at once.
 */
describe.each(sqlBackends)('usage reserved with the discount on %s', (backend) => {
  const { promotions } = promotionsSuite(backend);
  let handle: EventHandler;

  beforeAll(() => {
    const db = promotions.platform.database.db;
    const { discounts } = createPromotions(db).services;
    handle = orderSagaHandler({ db, saga: discounts, logger: createLogger('test', 'silent') });
  });

  const meta = { topic: 'shop.orders', partition: 0, offset: '0', key: null, attempt: 1, headers: {} };
  const deliverAll = (envelopes: EventEnvelope[]) => Promise.all(envelopes.map((envelope) => handle(envelope, meta)));
  const timesUsed = async (promotion: PromotionFieldsFragment) =>
    (await promotions.call(PromotionByIdDocument, { id: promotion.id }, adminCaller())).data!.promotion!.timesUsed;
  const discountsOf = async (orders: EventEnvelope<{ orderId: string }>[]) =>
    Promise.all(
      orders.map(async (order) =>
        (await discountReplies(promotions, order.data.orderId)).map((reply) => [reply.discount.amount, reply.rejectedCoupon ?? null]),
      ),
    );

  it('20 concurrent orders with a single-use coupon: exactly one is discounted, the others are told USAGE_LIMIT_REACHED', async () => {
    const code = couponCode();
    const coupon = await createPromotion(promotions, { name: 'Once', kind: 'PERCENTAGE', value: 5000, couponCode: code, usageLimit: 1 });
    const lines = [cartLine('a', unique('p'), unique('cat'), 1000)];
    const orders = Array.from({ length: 20 }, () => placed(randomUUID(), lines, code));
    await deliverAll(orders);
    const replies = (await discountsOf(orders)).map((reply) => JSON.stringify(reply));
    expect(replies.filter((reply) => reply === JSON.stringify([[500, null]]))).toHaveLength(1);
    expect(replies.filter((reply) => reply === JSON.stringify([[0, { code, reason: 'USAGE_LIMIT_REACHED', missing: null }]]))).toHaveLength(19);
    expect(await timesUsed(coupon)).toBe(1);
    expect(await promotions.platform.database.db.select().from(promotionUsages).where(eq(promotionUsages.promotionId, coupon.id))).toHaveLength(1);
  });

  it('one customer, 6 concurrent orders, perCustomerLimit 1: exactly one is discounted; another customer still gets it', async () => {
    const code = couponCode();
    const coupon = await createPromotion(promotions, {
      name: 'Once each',
      kind: 'FIXED_AMOUNT',
      value: 300,
      currency: 'EUR',
      couponCode: code,
      perCustomerLimit: 1,
    });
    const lines = [cartLine('a', unique('p'), unique('cat'), 1000)];
    const customerId = randomUUID();
    const orders = Array.from({ length: 6 }, () => placed(customerId, lines, code));
    await deliverAll(orders);
    const amounts = (await discountsOf(orders)).map((reply) => reply[0]![0]);
    expect(amounts.sort()).toEqual([0, 0, 0, 0, 0, 300]);
    const other = placed(randomUUID(), lines, code);
    await deliverAll([other]);
    expect(await discountsOf([other])).toEqual([[[300, null]]]);
    expect(await timesUsed(coupon)).toBe(2);
  });

  it('a limited automatic promotion prices at most its limit of concurrent orders; the next best one takes the others', async () => {
    const category = unique('cat');
    const scarce = await createPromotion(promotions, { name: 'Big', kind: 'PERCENTAGE', value: 3000, categoryIds: [category], usageLimit: 3 });
    const plenty = await createPromotion(promotions, { name: 'Small', kind: 'PERCENTAGE', value: 1000, categoryIds: [category] });
    const lines = [cartLine('a', unique('p'), category, 1000)];
    const orders = Array.from({ length: 10 }, () => placed(randomUUID(), lines, null));
    await deliverAll(orders);
    const amounts = (await discountsOf(orders)).map((reply) => reply[0]![0]);
    expect(amounts.sort()).toEqual([100, 100, 100, 100, 100, 100, 100, 300, 300, 300]);
    expect([await timesUsed(scarce), await timesUsed(plenty)]).toEqual([3, 7]);
  });

  it('a cancelled order gives its use back, once, however often the cancellation is delivered', async () => {
    const code = couponCode();
    const coupon = await createPromotion(promotions, { name: 'Returned', kind: 'PERCENTAGE', value: 1000, couponCode: code, usageLimit: 1 });
    const lines = [cartLine('a', unique('p'), unique('cat'), 1000)];
    const first = placed(randomUUID(), lines, code);
    await deliverAll([first]);
    expect(await timesUsed(coupon)).toBe(1);
    const cancel = cancelled(first);
    await deliverAll([cancel, cancel]);
    await handle(cancelled(first), meta);
    expect(await timesUsed(coupon)).toBe(0);
    const second = placed(randomUUID(), lines, code);
    await deliverAll([second]);
    expect(await discountsOf([second])).toEqual([[[100, null]]]);
    expect(await timesUsed(coupon)).toBe(1);
  });
});

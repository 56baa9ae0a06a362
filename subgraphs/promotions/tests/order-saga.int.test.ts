import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { orderConfirmed } from '@shop/events';
import { entitiesOf, sqlBackends } from '@shop/testkit';
import { createPromotions } from '../src';
import { adminCaller, couponCode, createPromotion, customerCaller, eur, outboxFor, promotionsSuite, unique } from './helpers';
import { cartLine, placed, cartRepresentation, deliver, discountReplies } from './saga-helpers';
import { CartDiscountsDocument, PromotionByIdDocument, type PromotionFieldsFragment } from './__generated__/graphql';

describe.each(sqlBackends)('promotions checkout saga on %s', (backend) => {
  const { promotions } = promotionsSuite(backend);

  const timesUsed = async (promotion: PromotionFieldsFragment) =>
    (await promotions.call(PromotionByIdDocument, { id: promotion.id }, adminCaller())).data!.promotion!.timesUsed;

  it('answers order.placed delivered twice with ONE order.discounted, equal to the cart quote for the same lines', async () => {
    const category = unique('cat');
    const auto = await createPromotion(promotions, { name: 'Ten', kind: 'PERCENTAGE', value: 1000, categoryIds: [category] });
    const code = couponCode();
    const coupon = await createPromotion(promotions, {
      name: 'Five off',
      kind: 'FIXED_AMOUNT',
      value: 500,
      currency: 'EUR',
      couponCode: code,
      categoryIds: [category],
    });
    const shopper = customerCaller();
    const lines = [
      cartLine('l1', unique('p'), category, 1999, 3),
      cartLine('l2', unique('p'), category, 450),
      cartLine('l3', unique('p'), unique('cat'), 1200),
    ];

    const quote = entitiesOf(
      'Cart',
      (await promotions.call(CartDiscountsDocument, { representations: [cartRepresentation(lines, code)] }, shopper)).data!._entities,
    )[0]!.discount!;
    const event = placed(shopper.userId, lines, code);
    await deliver(promotions, event, event);

    // l1: 3 x 199 automatic, 5400 left; l2: 45, 405 left; 500 off shared 5400 : 405 -> 464.94 / 34.88 -> 465 / 35
    const expected = {
      orderId: event.data.orderId,
      discount: eur(1142),
      lines: [
        { lineId: 'l1', discount: eur(1062) },
        { lineId: 'l2', discount: eur(80) },
        { lineId: 'l3', discount: eur(0) },
      ],
      promotions: [
        { promotionId: auto.id, name: 'Ten', couponCode: null, amount: eur(642) },
        { promotionId: coupon.id, name: 'Five off', couponCode: code, amount: eur(500) },
      ],
    };
    expect(await discountReplies(promotions, event.data.orderId)).toEqual([{ ...expected, rejectedCoupon: null }]);
    // One use of each reserved with the discount, once although the event came twice.
    expect([await timesUsed(auto), await timesUsed(coupon)]).toEqual([1, 1]);
    expect({
      orderId: event.data.orderId,
      discount: quote.total,
      lines: quote.lines.map((line) => ({ lineId: line.lineId, discount: line.amount })),
      promotions: quote.promotions.map((applied) => ({
        promotionId: applied.promotionId,
        name: applied.name,
        couponCode: applied.couponCode,
        amount: applied.amount,
      })),
    }).toEqual(expected);
  });

  it('records order.confirmed delivered twice as ONE use of each promotion', async () => {
    const first = await createPromotion(promotions, { name: 'A', kind: 'PERCENTAGE', value: 1000, categoryIds: [unique('cat')], usageLimit: 10 });
    const second = await createPromotion(promotions, { name: 'B', kind: 'PERCENTAGE', value: 1000, couponCode: couponCode(), usageLimit: 10 });
    const orderId = randomUUID();
    const customerId = randomUUID();
    const event = orderConfirmed.create(orderId, {
      orderId,
      customerId,
      total: eur(9000),
      items: [{ productId: 'p', quantity: 1 }],
      promotionIds: [second.id, first.id],
    });
    await deliver(promotions, event, event);
    expect([await timesUsed(first), await timesUsed(second)]).toEqual([1, 1]);
    for (const promotion of [first, second]) {
      expect((await outboxFor(promotions, promotion.id)).filter((row) => row.type === 'promotion.usage-recorded').map((row) => row.data)).toEqual([
        { promotionId: promotion.id, orderId, customerId, timesUsed: 1 },
      ]);
    }
  });

  it('drops a promotion whose usage limit was reached between the quote and the order', async () => {
    const product = unique('p');
    const code = couponCode();
    const coupon = await createPromotion(promotions, { name: 'Last one', kind: 'PERCENTAGE', value: 5000, couponCode: code, usageLimit: 1 });
    const shopper = customerCaller();
    const lines = [cartLine('a', product, unique('cat'), 1000)];
    const quote = entitiesOf(
      'Cart',
      (await promotions.call(CartDiscountsDocument, { representations: [cartRepresentation(lines, code)] }, shopper)).data!._entities,
    )[0]!.discount!;
    expect(quote.total).toEqual(eur(500));

    await createPromotions(promotions.platform.database.db).services.usage.recordUsage(coupon.id, randomUUID(), randomUUID());
    const order = placed(shopper.userId, lines, code);
    const confirmed = orderConfirmed.create(order.data.orderId, {
      orderId: order.data.orderId,
      customerId: shopper.userId,
      total: eur(500),
      items: [{ productId: product, quantity: 1 }],
      promotionIds: [coupon.id],
    });
    await deliver(promotions, order, confirmed);
    expect(await discountReplies(promotions, order.data.orderId)).toEqual([
      {
        orderId: order.data.orderId,
        discount: eur(0),
        lines: [{ lineId: 'a', discount: eur(0) }],
        promotions: [],
        rejectedCoupon: { code, reason: 'USAGE_LIMIT_REACHED', missing: null },
      },
    ]);
    expect(await timesUsed(coupon)).toBe(1);
  });

  it("counts the ordering customer's per-customer limit", async () => {
    const code = couponCode();
    const coupon = await createPromotion(promotions, { name: 'Once each', kind: 'PERCENTAGE', value: 2000, couponCode: code, perCustomerLimit: 1 });
    const customerId = randomUUID();
    await createPromotions(promotions.platform.database.db).services.usage.recordUsage(coupon.id, customerId, randomUUID());
    const lines = [cartLine('a', unique('p'), unique('cat'), 1000)];
    const again = placed(customerId, lines, code);
    const someoneElse = placed(randomUUID(), lines, code);
    await deliver(promotions, again, someoneElse);
    expect((await discountReplies(promotions, again.data.orderId)).map((reply) => reply.discount)).toEqual([eur(0)]);
    expect((await discountReplies(promotions, someoneElse.data.orderId)).map((reply) => reply.discount)).toEqual([eur(200)]);
  });
});

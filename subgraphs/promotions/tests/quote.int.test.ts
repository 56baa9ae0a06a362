import { describe, expect, it } from 'vitest';
import { sqlBackends } from '@shop/testkit';
import { createPromotions } from '../src';
import { adminCaller, codes, couponCode, createPromotion, customerCaller, eur, promotionsSuite, unique } from './helpers';
import { DeactivatePromotionDocument, QuoteDocument, type PromotionInput, type PromotionQuoteInput } from './__generated__/graphql';

describe.each(sqlBackends)('promotionQuote on %s', (backend) => {
  const { promotions, products } = promotionsSuite(backend);

  const line = (lineId: string, productId: string, amount: number, quantity = 1, currency = 'EUR') => ({
    lineId,
    productId,
    unitPrice: { amount, currency },
    quantity,
  });
  const quote = (input: PromotionQuoteInput, caller?: { userId: string; roles: string[] }) => promotions.call(QuoteDocument, { input }, caller);

  it('stacks the best automatic promotion per line with one case-insensitive coupon, for anonymous callers', async () => {
    const category = unique('cat');
    const [shoe, hat, other] = [await products.create(category), await products.create(category), await products.create()];
    const auto = await createPromotion(promotions, { name: 'Ten', kind: 'PERCENTAGE', value: 1000, categoryIds: [category] });
    const code = couponCode();
    const coupon = await createPromotion(promotions, { name: 'Twenty on shoes', kind: 'PERCENTAGE', value: 2000, couponCode: code, productIds: [shoe] });
    const result = await quote({ lines: [line('1', shoe, 999, 2), line('2', hat, 450), line('3', other, 700)], couponCode: code.toLowerCase() });
    // shoe: 2 x 99 automatic, then 20 % of 1800 = 360; hat: 45 automatic; other: nothing
    expect(result.data).toEqual({
      promotionQuote: {
        lines: [
          { lineId: '1', subtotal: eur(1998), discount: eur(558), promotionIds: [auto.id, coupon.id] },
          { lineId: '2', subtotal: eur(450), discount: eur(45), promotionIds: [auto.id] },
          { lineId: '3', subtotal: eur(700), discount: eur(0), promotionIds: [] },
        ],
        subtotal: { amount: 3148 },
        orderDiscount: { amount: 0 },
        totalDiscount: { amount: 603 },
        total: eur(2545),
        appliedPromotions: [
          { promotion: { id: auto.id, name: 'Ten', couponCode: null }, amount: eur(243) },
          { promotion: { id: coupon.id, name: 'Twenty on shoes', couponCode: null }, amount: eur(360) },
        ],
        rejectedCoupon: null,
      },
    });
  });

  it('takes a fixed coupon off the order once the minimum subtotal is met', async () => {
    const product = await products.create();
    const code = couponCode();
    const coupon = await createPromotion(promotions, {
      name: 'Ten off 50',
      kind: 'FIXED_AMOUNT',
      value: 1000,
      currency: 'EUR',
      couponCode: code,
      productIds: [product],
      minimumSubtotal: eur(5000),
    });
    const met = (await quote({ lines: [line('a', product, 2500, 2)], couponCode: code }, customerCaller())).data!.promotionQuote;
    expect([met.orderDiscount, met.totalDiscount, met.total, met.lines[0]!.discount]).toEqual([{ amount: 1000 }, { amount: 1000 }, eur(4000), eur(0)]);
    expect(met.appliedPromotions.map((applied) => [applied.promotion.id, applied.amount.amount])).toEqual([[coupon.id, 1000]]);
    const short = (await quote({ lines: [line('a', product, 4999)], couponCode: code })).data!.promotionQuote;
    expect([short.rejectedCoupon, short.totalDiscount]).toEqual([{ code, reason: 'MINIMUM_NOT_MET' }, { amount: 0 }]);
  });

  it('says why a coupon does not apply', async () => {
    const product = await products.create();
    const make = async (overrides: Partial<PromotionInput>) => {
      const code = couponCode();
      const promotion = await createPromotion(promotions, { name: 'x', kind: 'PERCENTAGE', value: 1000, couponCode: code, ...overrides });
      return { code, promotion };
    };
    const deactivated = await make({});
    await promotions.call(DeactivatePromotionDocument, { id: deactivated.promotion.id }, adminCaller());
    const cases: Array<[string, string]> = [
      [couponCode(), 'UNKNOWN'],
      [deactivated.code, 'EXPIRED'],
      [(await make({ startsAt: '2020-01-01T00:00:00Z', endsAt: '2020-02-01T00:00:00Z' })).code, 'EXPIRED'],
      [(await make({ startsAt: '2999-01-01T00:00:00Z' })).code, 'NOT_STARTED'],
      [(await make({ categoryIds: [unique('cat')] })).code, 'NOT_APPLICABLE'],
      [(await make({ kind: 'FIXED_AMOUNT', value: 100, currency: 'USD' })).code, 'NOT_APPLICABLE'],
    ];
    for (const [code, reason] of cases) {
      const result = (await quote({ lines: [line('a', product, 1000)], couponCode: code })).data!.promotionQuote;
      expect([code, result.rejectedCoupon, result.totalDiscount.amount]).toEqual([code, { code, reason }, 0]);
    }
  });

  it('counts per-customer limits for signed-in callers only', async () => {
    const product = await products.create();
    const code = couponCode();
    const coupon = await createPromotion(promotions, {
      name: 'Once each',
      kind: 'PERCENTAGE',
      value: 5000,
      couponCode: code,
      productIds: [product],
      perCustomerLimit: 1,
    });
    const shopper = customerCaller();
    await createPromotions(promotions.platform.database.db).services.usage.recordUsage(coupon.id, shopper.userId, unique('order'));
    const input = { lines: [line('a', product, 1000)], couponCode: code };
    expect((await quote(input, shopper)).data!.promotionQuote).toMatchObject({ rejectedCoupon: { code, reason: 'USAGE_LIMIT_REACHED' }, total: eur(1000) });
    expect((await quote(input, customerCaller())).data!.promotionQuote).toMatchObject({ rejectedCoupon: null, total: eur(500) });
    expect((await quote(input)).data!.promotionQuote).toMatchObject({ rejectedCoupon: null, total: eur(500) });
  });

  it.each([
    [{ lines: [] }, 'input.lines: at least one line is required'],
    [{ lines: [line('a', 'p', 100), line('a', 'q', 100)] }, 'input.lines: line ids must be distinct'],
    [{ lines: [line('a', 'p', 100), line('b', 'q', 100, 1, 'USD')] }, 'input.lines: every line must be in the same currency'],
    [{ lines: [line('a', 'p', 100, 0)] }, 'input.lines.0.quantity: must be 1 or more'],
    [{ lines: [line('a', 'p', 100, 1001)] }, 'input.lines.0.quantity: must be at most 1000'],
    [{ lines: [line('a', 'p', -1)] }, 'input.lines.0.unitPrice.amount: must be 0 or more'],
    [{ lines: [line('a', 'p', 1, 1, 'euro')] }, 'input.lines.0.unitPrice.currency: must be an ISO 4217 code such as EUR'],
  ])('rejects bad input %j with BAD_USER_INPUT', async (input, message) => {
    expect(codes(await quote(input))).toEqual([['BAD_USER_INPUT', message]]);
  });
});

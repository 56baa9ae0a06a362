import { describe, expect, it } from 'vitest';
import { testPromotionRule } from '@shop/testkit';
import { applyPromotions, MixedCurrencyError, percentOff, type CartLine, type PromotionRule } from './discount-engine';

const now = new Date('2026-06-01T12:00:00.000Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' });

let counter = 0;
const promo = (overrides: Partial<PromotionRule> = {}): PromotionRule => testPromotionRule({ id: `p${String(++counter).padStart(3, '0')}`, ...overrides });
const line = (lineId: string, unit: number, quantity = 1, productId = `prod-${lineId}`, categoryId: string | null = 'misc'): CartLine => ({
  lineId,
  productId,
  categoryId,
  unitPrice: eur(unit),
  quantity,
});
const discounts = (result: ReturnType<typeof applyPromotions>) => result.lines.map((l) => [l.lineId, l.discount.amount, l.promotionIds]);

describe('percentOff', () => {
  it('rounds the discount down', () => {
    expect(percentOff(999, 1500)).toBe(149); // 149.85
    expect(percentOff(1, 9999)).toBe(0); // 0.9999
    expect(percentOff(1000, 10_000)).toBe(1000);
    expect(percentOff(2_147_483_647, 3333)).toBe(715_756_299); // 7_157_562_995_451 / 10000, exact for large amounts
  });
  it('refuses rates outside 0..10000 and negative amounts', () => {
    expect(() => percentOff(100, 10_001)).toThrow(RangeError);
    expect(() => percentOff(-1, 100)).toThrow(RangeError);
  });
});

describe('applyPromotions: automatic promotions', () => {
  it('applies a percentage per unit, rounding each unit discount down', () => {
    const p = promo({ value: 1500 });
    const result = applyPromotions({ lines: [line('a', 999, 3)], now, promotions: [p] });
    expect(discounts(result)).toEqual([['a', 447, [p.id]]]); // 3 x 149
    expect(result.subtotal).toEqual(eur(2997));
    expect(result.total).toEqual(eur(2550)); // 3 x 850
    expect(result.totalDiscount).toEqual(eur(447));
    expect(result.orderDiscount).toEqual(eur(0));
    expect(result.appliedPromotions).toEqual([{ promotion: p, discount: eur(447) }]);
    expect(result.rejectedCoupon).toBeNull();
  });

  it('caps a fixed amount at the unit price and ignores one in another currency', () => {
    const fixed = promo({ kind: 'FIXED_AMOUNT', value: 1500, currency: 'EUR' });
    const result = applyPromotions({
      lines: [line('cheap', 1000, 2), line('dear', 4000)],
      now,
      promotions: [fixed, promo({ kind: 'FIXED_AMOUNT', value: 9000, currency: 'USD' })],
    });
    expect(discounts(result)).toEqual([
      ['cheap', 2000, [fixed.id]],
      ['dear', 1500, [fixed.id]],
    ]);
    expect(result.total).toEqual(eur(2500));
  });

  it('matches by product id or by category; empty conditions match everything', () => {
    const byProduct = promo({ value: 2000, productIds: ['prod-a'] });
    const byCategory = promo({ value: 3000, categoryIds: ['shoes'] });
    const result = applyPromotions({
      lines: [line('a', 1000), line('b', 1000, 1, 'prod-b', 'shoes'), line('c', 1000, 1, 'prod-c', null), line('d', 1000)],
      now,
      promotions: [byProduct, byCategory],
    });
    expect(discounts(result)).toEqual([
      ['a', 200, [byProduct.id]],
      ['b', 300, [byCategory.id]],
      ['c', 0, []],
      ['d', 0, []],
    ]);
    const everything = promo({ value: 100 });
    expect(applyPromotions({ lines: [line('c', 1000, 1, 'x', null)], now, promotions: [everything] }).totalDiscount).toEqual(eur(10));
  });

  it('gives each line only its best automatic promotion; ties go to the smaller id', () => {
    const tenPercent = promo({ value: 1000 });
    const fiveOff = promo({ kind: 'FIXED_AMOUNT', value: 500, currency: 'EUR' });
    const result = applyPromotions({ lines: [line('small', 2000), line('big', 9000), line('even', 5000)], now, promotions: [fiveOff, tenPercent] });
    expect(discounts(result)).toEqual([
      ['small', 500, [fiveOff.id]], // 5.00 > 2.00
      ['big', 900, [tenPercent.id]], // 9.00 > 5.00
      ['even', 500, [tenPercent.id]], // 5.00 = 5.00: tenPercent has the smaller id
    ]);
    expect(result.appliedPromotions.map((a) => [a.promotion.id, a.discount.amount])).toEqual([
      [fiveOff.id, 500],
      [tenPercent.id, 1400],
    ]);
  });

  it('respects the time window: startsAt inclusive, endsAt exclusive, deactivated never', () => {
    const startsNow = promo({ startsAt: now, value: 100 });
    const endsNow = promo({ endsAt: now, value: 9000 });
    const endsLater = promo({ endsAt: new Date(now.getTime() + 1), value: 200 });
    const startsLater = promo({ startsAt: new Date(now.getTime() + 1), value: 9000 });
    const inactive = promo({ active: false, value: 9000 });
    const result = applyPromotions({ lines: [line('a', 1000)], now, promotions: [startsNow, endsNow, startsLater, inactive, endsLater] });
    expect(discounts(result)).toEqual([['a', 20, [endsLater.id]]]);
    expect(applyPromotions({ lines: [line('a', 1000)], now, promotions: [startsNow] }).totalDiscount).toEqual(eur(10));
  });

  it('skips promotions whose total or per-customer limit is used up', () => {
    const total = promo({ value: 5000, usageLimit: 3 });
    const perCustomer = promo({ value: 4000, perCustomerLimit: 1 });
    const fallback = promo({ value: 100 });
    const usage = { [total.id]: { total: 3, byCustomer: 0 }, [perCustomer.id]: { total: 1, byCustomer: 1 } };
    const run = (customerId?: string) =>
      discounts(applyPromotions({ lines: [line('a', 1000)], now, promotions: [total, perCustomer, fallback], usage, customerId }));
    expect(run('cust-1')).toEqual([['a', 10, [fallback.id]]]);
    // Without a customer only the total limit can be checked.
    expect(run()).toEqual([['a', 400, [perCustomer.id]]]);
  });

  it('checks the minimum subtotal on the pre-discount subtotal of the covered lines only', () => {
    const shoes = promo({ value: 1000, categoryIds: ['shoes'], minimumSubtotal: eur(5000) });
    const shoe = (lineId: string, unit: number, qty = 1) => line(lineId, unit, qty, `prod-${lineId}`, 'shoes');
    expect(discounts(applyPromotions({ lines: [shoe('s', 4999), line('hat', 10_000)], now, promotions: [shoes] }))).toEqual([
      ['s', 0, []],
      ['hat', 0, []],
    ]);
    expect(discounts(applyPromotions({ lines: [shoe('s', 2500, 2), line('hat', 10_000)], now, promotions: [shoes] }))).toEqual([
      ['s', 500, [shoes.id]],
      ['hat', 0, []],
    ]);
    const usdMinimum = promo({ minimumSubtotal: { amount: 1, currency: 'USD' } });
    expect(applyPromotions({ lines: [line('a', 1000)], now, promotions: [usdMinimum] }).totalDiscount).toEqual(eur(0));
  });
});

describe('applyPromotions: coupons', () => {
  it('matches codes case-insensitively and stacks a percentage coupon on the automatic discount', () => {
    const auto = promo({ value: 1000 });
    const coupon = promo({ value: 2000, couponCode: 'SUMMER20' });
    const result = applyPromotions({ lines: [line('a', 999), line('b', 500, 2)], couponCode: '  summer20 ', now, promotions: [auto, coupon] });
    // a: 99 automatic, then 20 % of 900 = 180; b: 2 x 50 automatic, then 20 % of 900 = 180
    expect(discounts(result)).toEqual([
      ['a', 279, [auto.id, coupon.id]],
      ['b', 280, [auto.id, coupon.id]],
    ]);
    expect(result.appliedPromotions.map((a) => [a.promotion.id, a.discount.amount])).toEqual([
      [auto.id, 199],
      [coupon.id, 360],
    ]);
    expect(result.total).toEqual(eur(1999 - 559));
    expect(result.rejectedCoupon).toBeNull();
  });

  it('takes a fixed coupon off the order, never below zero', () => {
    const coupon = promo({ kind: 'FIXED_AMOUNT', value: 2500, currency: 'EUR', couponCode: 'TAKE25' });
    const auto = promo({ value: 5000 });
    const small = applyPromotions({ lines: [line('a', 1000), line('b', 2000)], couponCode: 'take25', now, promotions: [auto, coupon] });
    expect(small.orderDiscount).toEqual(eur(1500)); // only 15.00 left after the automatic halves
    expect(small.totalDiscount).toEqual(eur(3000));
    expect(small.total).toEqual(eur(0));
    expect(discounts(small)).toEqual([
      ['a', 500, [auto.id]],
      ['b', 1000, [auto.id]],
    ]);
    const big = applyPromotions({ lines: [line('a', 10_000)], couponCode: 'TAKE25', now, promotions: [coupon] });
    expect([big.orderDiscount.amount, big.total.amount, discounts(big)]).toEqual([2500, 7500, [['a', 0, []]]]);
  });

  it('applies a coupon only to the lines its conditions cover, checking the minimum on those', () => {
    const coupon = promo({ value: 1000, couponCode: 'SHOES10', categoryIds: ['shoes'], minimumSubtotal: eur(3000) });
    const lines = [line('s', 3000, 1, 'prod-s', 'shoes'), line('h', 5000)];
    expect(discounts(applyPromotions({ lines, couponCode: 'SHOES10', now, promotions: [coupon] }))).toEqual([
      ['s', 300, [coupon.id]],
      ['h', 0, []],
    ]);
  });

  it.each([
    ['UNKNOWN', 'NOPE', {}, null],
    ['EXPIRED', 'CODE', { endsAt: now }, null],
    ['EXPIRED', 'CODE', { active: false }, null],
    ['NOT_STARTED', 'CODE', { startsAt: new Date(now.getTime() + 1000) }, null],
    ['USAGE_LIMIT_REACHED', 'CODE', { usageLimit: 2 }, null],
    ['USAGE_LIMIT_REACHED', 'CODE', { perCustomerLimit: 1 }, null],
    ['NOT_APPLICABLE', 'CODE', { productIds: ['prod-other'] }, null],
    ['NOT_APPLICABLE', 'CODE', { kind: 'FIXED_AMOUNT', value: 100, currency: 'USD' }, null],
    ['NOT_APPLICABLE', 'CODE', { minimumSubtotal: { amount: 10, currency: 'USD' } }, null],
    ['MINIMUM_NOT_MET', 'CODE', { minimumSubtotal: eur(1001) }, eur(1)],
    ['MINIMUM_NOT_MET', 'CODE', { minimumSubtotal: eur(2500) }, eur(1500)],
  ] as const)('rejects a coupon with %s (%s, %j)', (reason, code, overrides, missing) => {
    const coupon = promo({ couponCode: 'CODE', ...overrides });
    const auto = promo({ value: 100 });
    const result = applyPromotions({
      lines: [line('a', 1000)],
      couponCode: code.toLowerCase(),
      customerId: 'cust-1',
      now,
      promotions: [auto, coupon],
      usage: { [coupon.id]: { total: 2, byCustomer: 1 } },
    });
    expect(result.rejectedCoupon).toEqual({ code, reason, missing });
    expect(discounts(result)).toEqual([['a', 10, [auto.id]]]); // the automatic one still applies
  });

  it('never applies a coupon promotion without its code, and ignores a blank code', () => {
    const coupon = promo({ value: 5000, couponCode: 'HALF' });
    expect(applyPromotions({ lines: [line('a', 1000)], now, promotions: [coupon] }).totalDiscount).toEqual(eur(0));
    expect(applyPromotions({ lines: [line('a', 1000)], couponCode: '  ', now, promotions: [coupon] }).rejectedCoupon).toBeNull();
  });
});

describe('applyPromotions: input rules', () => {
  it('refuses carts mixing currencies, without lines, or with bad lines', () => {
    expect(() => applyPromotions({ lines: [line('a', 100), { ...line('b', 100), unitPrice: { amount: 100, currency: 'USD' } }], now, promotions: [] })).toThrow(
      MixedCurrencyError,
    );
    expect(() => applyPromotions({ lines: [], now, promotions: [] })).toThrow('A cart needs at least one line');
    expect(() => applyPromotions({ lines: [line('a', 100), line('a', 100)], now, promotions: [] })).toThrow('Line ids must be distinct');
    expect(() => applyPromotions({ lines: [line('a', 100, 0)], now, promotions: [] })).toThrow(RangeError);
    expect(() => applyPromotions({ lines: [line('a', -1)], now, promotions: [] })).toThrow(RangeError);
  });

  it('answers zero discounts when nothing applies', () => {
    const result = applyPromotions({ lines: [line('a', 1234, 2)], now, promotions: [] });
    expect(result).toEqual({
      currency: 'EUR',
      lines: [{ lineId: 'a', subtotal: eur(2468), discount: eur(0), promotionIds: [] }],
      subtotal: eur(2468),
      orderDiscount: eur(0),
      totalDiscount: eur(0),
      total: eur(2468),
      appliedPromotions: [],
      rejectedCoupon: null,
    });
  });
});

describe('variant conditions', () => {
  const shirt = (lineId: string, variantId?: string): CartLine => ({ ...line(lineId, 2000, 1, 'shirt', 'tops'), ...(variantId ? { variantId } : {}) });

  it('a variant condition covers only lines of that variant; product and category conditions cover every variant', () => {
    const xl = promo({ variantIds: ['shirt-xl'], value: 2500 });
    const result = applyPromotions({ lines: [shirt('m', 'shirt-m'), shirt('xl', 'shirt-xl')], now, promotions: [xl] });
    expect(discounts(result)).toEqual([
      ['m', 0, []],
      ['xl', 500, [xl.id]],
    ]);
    const byProduct = promo({ productIds: ['shirt'] });
    const byCategory = promo({ categoryIds: ['tops'], value: 500 });
    expect(discounts(applyPromotions({ lines: [shirt('m', 'shirt-m')], now, promotions: [byProduct, byCategory] }))).toEqual([['m', 200, [byProduct.id]]]);
  });

  it('a line without a variant id is the default variant, whose id is the product id', () => {
    const defaultVariant = promo({ variantIds: ['shirt'] });
    expect(discounts(applyPromotions({ lines: [shirt('a'), shirt('b', 'shirt-m')], now, promotions: [defaultVariant] }))).toEqual([
      ['a', 200, [defaultVariant.id]],
      ['b', 0, []],
    ]);
  });

  it('a coupon on one variant is NOT_APPLICABLE to a cart without it', () => {
    const coupon = promo({ couponCode: 'XLONLY', variantIds: ['shirt-xl'] });
    const result = applyPromotions({ lines: [shirt('m', 'shirt-m')], now, promotions: [coupon], couponCode: 'xlonly' });
    expect(result.rejectedCoupon).toEqual({ code: 'XLONLY', reason: 'NOT_APPLICABLE', missing: null });
  });
});

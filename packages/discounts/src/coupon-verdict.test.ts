import { describe, expect, it } from 'vitest';
import { testPromotionRule } from '@shop/testkit';
import { couponErrorCode, couponRejectionMessage, couponVerdict, formatMoney, type CouponLine } from './coupon-verdict';
import type { PromotionRule } from './discount-math';

const now = new Date('2026-12-01T12:00:00.000Z');
const coupon = (overrides: Partial<PromotionRule> = {}): PromotionRule => testPromotionRule({ couponCode: 'SAVE', ...overrides });
const lines: CouponLine[] = [
  { productId: 'mug', categoryId: 'kitchen', amount: 1200 },
  { productId: 'tee', categoryId: 'clothing', amount: 800 },
];
const judge = (promotion: PromotionRule | undefined, basket = lines, usage = { total: 0, byCustomer: 0 }) =>
  couponVerdict({ code: 'SAVE', promotion, lines: basket, currency: basket.length > 0 ? 'EUR' : null, now, usage, hasCustomer: true });

describe('couponVerdict', () => {
  it('applies with the lines it covers', () => {
    expect(judge(coupon({ categoryIds: ['kitchen'] }))).toEqual({ promotion: coupon({ categoryIds: ['kitchen'] }), covered: [lines[0]] });
  });

  it.each([
    ['UNKNOWN', undefined, lines, null],
    ['EXPIRED', coupon({ endsAt: now }), lines, null],
    ['EXPIRED', coupon({ active: false }), lines, null],
    ['NOT_STARTED', coupon({ startsAt: new Date(now.getTime() + 1) }), lines, null],
    ['USAGE_LIMIT_REACHED', coupon({ usageLimit: 3 }), lines, null],
    ['USAGE_LIMIT_REACHED', coupon({ perCustomerLimit: 1 }), lines, null],
    ['NOT_APPLICABLE', coupon({ productIds: ['lamp'] }), lines, null],
    ['NOT_APPLICABLE', coupon(), [], null],
    ['NOT_APPLICABLE', coupon({ kind: 'FIXED_AMOUNT', value: 500, currency: 'USD' }), lines, null],
    ['NOT_APPLICABLE', coupon({ minimumSubtotal: { amount: 100, currency: 'USD' } }), lines, null],
    ['MINIMUM_NOT_MET', coupon({ categoryIds: ['kitchen'], minimumSubtotal: { amount: 2000, currency: 'EUR' } }), lines, { amount: 800, currency: 'EUR' }],
  ] as const)('refuses with %s', (reason, promotion, basket, missing) => {
    expect(judge(promotion, [...basket], { total: 3, byCustomer: 1 })).toEqual({ code: 'SAVE', reason, missing });
  });

  it('counts the minimum on the covered lines before any discount', () => {
    expect(judge(coupon({ minimumSubtotal: { amount: 2000, currency: 'EUR' } }))).toMatchObject({ covered: lines });
  });
});

describe('coupon rejection wording', () => {
  it('maps every reason to its public code and a sentence', () => {
    expect(couponErrorCode.UNKNOWN).toBe('COUPON_NOT_FOUND');
    expect(couponRejectionMessage({ code: 'SAVE', reason: 'MINIMUM_NOT_MET', missing: { amount: 2401, currency: 'EUR' } })).toBe(
      'Add €24.01 more in eligible items to use the coupon SAVE.',
    );
    expect(couponRejectionMessage({ code: 'NOPE', reason: 'UNKNOWN', missing: null })).toBe('There is no coupon NOPE.');
  });

  it("formats minor units with the currency's own decimals", () => {
    expect([
      formatMoney({ amount: 1999, currency: 'EUR' }),
      formatMoney({ amount: 500, currency: 'JPY' }),
      formatMoney({ amount: 5, currency: 'USD' }),
    ]).toEqual(['€19.99', '¥500', '$0.05']);
  });
});

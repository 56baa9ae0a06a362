import { describe, expect, it } from 'vitest';
import { testPromotionRule } from '@shop/testkit';
import { discountCart, shareOut } from './cart-discount';
import { MixedCurrencyError, type CartLine, type PromotionRule } from './discount-engine';

const now = new Date('2026-06-01T12:00:00.000Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const promo = (id: string, overrides: Partial<PromotionRule> = {}): PromotionRule => testPromotionRule({ id, ...overrides });
const line = (lineId: string, unit: number, quantity = 1, categoryId = 'misc'): CartLine => ({
  lineId,
  productId: `prod-${lineId}`,
  categoryId,
  unitPrice: eur(unit),
  quantity,
});

describe('shareOut', () => {
  it('splits in proportion, the cents left going to the largest remainders (ties: the earlier)', () => {
    expect(shareOut(1000, [1000, 2000, 3000])).toEqual([167, 333, 500]); // 166.67, 333.33, 500
    expect(shareOut(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(shareOut(7, [0, 5, 5])).toEqual([0, 4, 3]);
    expect(shareOut(10, [3, 7])).toEqual([3, 7]);
    expect(shareOut(0, [3, 7])).toEqual([0, 0]);
    expect(shareOut(5, [0, 0])).toEqual([0, 0]);
  });

  it('always adds up exactly and never gives a line more than its weight', () => {
    let seed = 7;
    const next = (max: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % max;
    for (let round = 0; round < 500; round++) {
      const weights = Array.from({ length: 1 + next(6) }, () => next(100_000));
      const total = weights.reduce((a, b) => a + b, 0);
      const amount = total === 0 ? 0 : next(total + 1);
      const shares = shareOut(amount, weights);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
      shares.forEach((share, index) => expect(share).toBeLessThanOrEqual(weights[index]!));
    }
  });
});

describe('discountCart', () => {
  it('shares a fixed coupon over the lines it covers, after their automatic discounts', () => {
    const auto = promo('a1', { value: 1000, categoryIds: ['tea'] });
    const coupon = promo('c1', { kind: 'FIXED_AMOUNT', value: 1000, currency: 'EUR', couponCode: 'TEN', categoryIds: ['tea', 'cups'] });
    const result = discountCart({
      currency: 'EUR',
      lines: [line('1', 2000, 1, 'tea'), line('2', 500, 2, 'cups'), line('3', 700, 1, 'other')],
      couponCode: 'ten',
      now,
      promotions: [auto, coupon],
    });
    // tea: 200 automatic, 1800 left; cups: 1000 left. 1000 shared 1800:1000 -> 642.86 / 357.14 -> 643 / 357
    expect(result.lines).toEqual([
      { lineId: '1', amount: eur(843) },
      { lineId: '2', amount: eur(357) },
      { lineId: '3', amount: eur(0) },
    ]);
    expect([result.subtotal, result.total]).toEqual([eur(3700), eur(1200)]);
    expect(result.promotions).toEqual([
      { promotion: auto, discount: eur(200) },
      { promotion: coupon, discount: eur(1000) },
    ]);
    expect(result.rejectedCoupon).toBeNull();
  });

  it('leaves percentage discounts where the engine put them', () => {
    const coupon = promo('c2', { value: 2000, couponCode: 'TWENTY' });
    const result = discountCart({ currency: 'EUR', lines: [line('1', 999, 3), line('2', 1)], couponCode: 'TWENTY', now, promotions: [coupon] });
    expect(result.lines).toEqual([
      { lineId: '1', amount: eur(599) },
      { lineId: '2', amount: eur(0) },
    ]);
    expect(result.total).toEqual(eur(599));
  });

  it('refuses a line in another currency than the cart', () => {
    expect(() => discountCart({ currency: 'USD', lines: [line('1', 100)], now, promotions: [] })).toThrow(MixedCurrencyError);
  });
});

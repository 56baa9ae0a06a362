import type { PromotionRule } from '@shop/discounts';

/**
 * A running 10 % automatic promotion on every product, open since 2026-01-01, no limits: the
 * discount tests' starting point, changed field by field (`testPromotionRule({ couponCode: 'SAVE' })`).
 */
export function testPromotionRule(overrides: Partial<PromotionRule> = {}): PromotionRule {
  return {
    id: 'p1',
    kind: 'PERCENTAGE',
    value: 1000,
    currency: null,
    couponCode: null,
    startsAt: new Date('2026-01-01T00:00:00.000Z'),
    endsAt: null,
    productIds: [],
    categoryIds: [],
    minimumSubtotal: null,
    usageLimit: null,
    perCustomerLimit: null,
    active: true,
    ...overrides,
  };
}

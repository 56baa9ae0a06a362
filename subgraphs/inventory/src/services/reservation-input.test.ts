import { describe, expect, it } from 'vitest';
import { sameRequest } from './reservation-input';

describe('sameRequest', () => {
  const items = [
    { productId: 'a', variantId: 'a1', quantity: 1 },
    { productId: 'a', variantId: 'a2', quantity: 2 },
  ];

  it('ignores item order but not order id, variants or quantities', () => {
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'o', items: [...items].reverse() })).toBe(true);
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'p', items })).toBe(false);
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'o', items: [items[0]!, { productId: 'a', variantId: 'a2', quantity: 3 }] })).toBe(false);
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'o', items: [items[0]!] })).toBe(false);
  });
});

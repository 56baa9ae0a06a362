import { describe, expect, it } from 'vitest';
import { sameRequest } from './reservation-input';

describe('sameRequest', () => {
  const items = [
    { productId: 'a', quantity: 1 },
    { productId: 'b', quantity: 2 },
  ];

  it('ignores item order but not order id, products or quantities', () => {
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'o', items: [...items].reverse() })).toBe(true);
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'p', items })).toBe(false);
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'o', items: [items[0]!, { productId: 'b', quantity: 3 }] })).toBe(false);
    expect(sameRequest({ orderId: 'o', items }, { orderId: 'o', items: [items[0]!] })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { refundableFor, refundFor, type ChargedOrder } from './refund-share';

const units = (entries: Record<string, number>) => new Map(Object.entries(entries));

// Teapot 2 x 25.00 and cup 1 x 10.00, SAVE10 (6.00 split 5.00 / 1.00), DHL 4.99, VAT 20 % = 11.80: 70.79 charged.
const teapotAndCup: ChargedOrder = {
  lines: [
    { lineId: 'teapot', quantity: 2, unitPrice: 2500, discount: 500 },
    { lineId: 'cup', quantity: 1, unitPrice: 1000, discount: 100 },
  ],
  shippingCost: 499,
  tax: 1180,
  total: 7079,
};
// Two lines, no discount, no tax, free shipping: 3 x 3.33 + 1 x 0.01.
const oddCents: ChargedOrder = {
  lines: [
    { lineId: 'a', quantity: 3, unitPrice: 333, discount: 0 },
    { lineId: 'b', quantity: 1, unitPrice: 1, discount: null },
  ],
  shippingCost: 0,
  tax: 0,
  total: 1000,
};
// 7 % off 3 x 9.99 (2.10), shipping 3.90, tax 19 % of 27.87 + 3.90 = 6.04: 37.81.
const discountedOnly: ChargedOrder = {
  lines: [{ lineId: 'shirt', quantity: 3, unitPrice: 999, discount: 210 }],
  shippingCost: 390,
  tax: 604,
  total: 3781,
};

describe('refundFor', () => {
  it.each([
    // order, already refunded, returning now, refund: goods net + floor(tax x goods / (nets + shipping))
    ['the cup of teapot + cup: 9.00 net + 9.00 x 11.80 / 58.99 tax', teapotAndCup, {}, { cup: 1 }, 900 + 180],
    ['one teapot of two: 22.50 net + its tax share', teapotAndCup, {}, { teapot: 1 }, 2250 + 450],
    ['both teapots, the cup already back', teapotAndCup, { cup: 1 }, { teapot: 2 }, 7079 - 1080],
    ['everything at once is exactly the capture', teapotAndCup, {}, { teapot: 2, cup: 1 }, 7079],
    ['a third of a 3-unit line rounds down', oddCents, {}, { a: 1 }, 333],
    ['the 1-cent line alone', oddCents, {}, { b: 1 }, 1],
    ['the last unit pays the remainder', oddCents, { a: 2, b: 1 }, { a: 1 }, 1000 - 667],
    ['one discounted shirt: floor(27.87 / 3) + floor(6.04 x 9.29 / 31.77)', discountedOnly, {}, { shirt: 1 }, 929 + 176],
    ['the last shirts include shipping and all remaining tax', discountedOnly, { shirt: 1 }, { shirt: 2 }, 3781 - 1105],
  ])('%s', (_name, order, before, now, expected) => {
    expect(refundFor(order, units(before), units(now))).toBe(expected);
  });

  it('every order of returning unit by unit adds up to exactly the capture, never more on the way', () => {
    for (const order of [teapotAndCup, oddCents, discountedOnly]) {
      const sequence = order.lines.flatMap((line) => Array.from({ length: line.quantity }, () => line.lineId));
      for (const ordering of [sequence, [...sequence].reverse()]) {
        const back = new Map<string, number>();
        let refunded = 0;
        for (const lineId of ordering) {
          const refund = refundFor(order, back, units({ [lineId]: 1 }));
          expect(refund).toBeGreaterThanOrEqual(0);
          back.set(lineId, (back.get(lineId) ?? 0) + 1);
          refunded += refund;
          expect(refunded).toBeLessThanOrEqual(order.total);
        }
        expect(refunded).toBe(order.total);
      }
    }
  });

  it('a zero-total order refunds nothing', () => {
    const free: ChargedOrder = { lines: [{ lineId: 'x', quantity: 2, unitPrice: 500, discount: 1000 }], shippingCost: 0, tax: 0, total: 0 };
    expect(refundableFor(free, units({ x: 1 }))).toBe(0);
    expect(refundableFor(free, units({ x: 2 }))).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { netLines, taxOrder } from './order-tax';

const at = new Date('2026-06-01T00:00:00.000Z');
const rates = [
  { country: 'DE', rateBasisPoints: 1900, name: 'VAT standard' },
  { country: 'DE', category: 'books', rateBasisPoints: 700, name: 'VAT reduced' },
  { country: 'DE', category: 'shipping', rateBasisPoints: 0, name: 'Shipping exempt' },
];
const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('netLines', () => {
  it('takes each line its own discount share off (none when the discount does not list it)', () => {
    const lines = [
      { lineId: 'a', categoryId: 'books', quantity: 3, unitPrice: eur(999) },
      { lineId: 'b', quantity: 1, unitPrice: eur(500) },
    ];
    expect(netLines('EUR', lines, [{ lineId: 'a', amount: eur(297) }])).toEqual([
      { lineId: 'a', categoryId: 'books', quantity: 3, netAmount: 2700 },
      { lineId: 'b', categoryId: null, quantity: 1, netAmount: 500 },
    ]);
  });
  it('refuses another currency and a discount larger than its line', () => {
    expect(() => netLines('EUR', [{ lineId: 'a', quantity: 1, unitPrice: { amount: 1, currency: 'USD' } }], [])).toThrow(RangeError);
    expect(() => netLines('EUR', [{ lineId: 'a', quantity: 1, unitPrice: eur(100) }], [{ lineId: 'a', amount: eur(101) }])).toThrow(
      'the discount is larger than the line',
    );
  });
});

describe('taxOrder', () => {
  const lines = [
    { lineId: 'a', categoryId: 'books', quantity: 3, netAmount: 2700 },
    { lineId: 'b', categoryId: null, quantity: 1, netAmount: 2599 },
  ];
  it('taxes the lines, then shipping as category `shipping`, and names untaxed lines', () => {
    expect(taxOrder({ currency: 'EUR', address: { country: 'DE' }, lines, shippingCost: 495, rates, at })).toEqual({
      currency: 'EUR',
      total: 683, // 189 + 493.81 -> 494 + 0
      lines: [
        { lineId: 'a', name: 'VAT reduced', rateBasisPoints: 700, amount: 189 },
        { lineId: 'b', name: 'VAT standard', rateBasisPoints: 1900, amount: 494 },
        { lineId: 'shipping', name: 'Shipping exempt', rateBasisPoints: 0, amount: 0 },
      ],
    });
    expect(taxOrder({ currency: 'EUR', address: { country: 'FR' }, lines: lines.slice(1), shippingCost: null, rates, at }).lines).toEqual([
      { lineId: 'b', name: 'No tax', rateBasisPoints: 0, amount: 0 },
    ]);
  });
  it('adds no shipping line when shipping is free or unknown', () => {
    for (const shippingCost of [0, null]) {
      expect(taxOrder({ currency: 'EUR', address: { country: 'DE' }, lines, shippingCost, rates, at }).lines.map((line) => line.lineId)).toEqual(['a', 'b']);
    }
  });
});

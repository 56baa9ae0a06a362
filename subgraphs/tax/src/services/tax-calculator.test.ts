import { describe, expect, it } from 'vitest';
import { basisPointsToPercentage, calculateTax, taxOn, type TaxRateLike } from './tax-calculator';

const rate = (fields: Partial<TaxRateLike> & Pick<TaxRateLike, 'rateBasisPoints' | 'name'>): TaxRateLike => ({ country: 'US', ...fields });
const usRates = [
  rate({ rateBasisPoints: 500, name: 'US federal' }),
  rate({ region: 'CA', rateBasisPoints: 725, name: 'California' }),
  rate({ category: 'food', rateBasisPoints: 100, name: 'US food' }),
  rate({ region: 'CA', category: 'food', rateBasisPoints: 0, name: 'California food' }),
  rate({ country: 'DE', rateBasisPoints: 1900, name: 'VAT standard' }),
];
const quote = (address: { country: string; region?: string }, lines: Array<{ lineId: string; categoryId?: string; amount: number }>, rates = usRates) =>
  calculateTax({ address, currency: 'USD', rates, lines: lines.map((line) => ({ quantity: 1, ...line })) });

describe('taxOn rounds half to even in minor units', () => {
  it.each([
    [15, 1000, 2], // 1.5 -> 2
    [25, 1000, 2], // 2.5 -> 2
    [35, 1000, 4], // 3.5 -> 4
    [1, 5000, 0], // 0.5 -> 0
    [3, 5000, 2], // 1.5 -> 2
    [26, 1000, 3], // 2.6 -> 3
    [24, 1000, 2], // 2.4 -> 2
    [1999, 2000, 400], // 399.8 -> 400
    [10_000, 1950, 1950],
    [2_147_483_647, 1, 214_748], // 214748.3647
    [Number.MAX_SAFE_INTEGER, 10_000, Number.MAX_SAFE_INTEGER], // exact where a float product would not be
    [Number.MAX_SAFE_INTEGER, 5000, 4_503_599_627_370_496], // ...0495.5 -> even
    [0, 2000, 0],
    [999, 0, 0],
  ])('%i at %i bp -> %i', (amount, basisPoints, expected) => {
    expect(taxOn(amount, basisPoints)).toBe(expected);
  });

  it('refuses amounts and rates outside the contract', () => {
    expect(() => taxOn(-1, 100)).toThrow(RangeError);
    expect(() => taxOn(1.5, 100)).toThrow(RangeError);
    expect(() => taxOn(100, 10_001)).toThrow(RangeError);
    expect(() => taxOn(100, 12.5)).toThrow(RangeError);
  });
});

describe('calculateTax', () => {
  it('uses the country rate when nothing more specific applies', () => {
    expect(quote({ country: 'US', region: 'NY' }, [{ lineId: 'a', categoryId: 'toys', amount: 1000 }])).toEqual({
      currency: 'USD',
      lines: [{ lineId: 'a', rateBasisPoints: 500, taxAmount: 50, rateName: 'US federal' }],
      total: 50,
    });
  });

  it('prefers region+category > region > category > country, per line', () => {
    const lines = [
      { lineId: 'food', categoryId: 'food', amount: 1000 },
      { lineId: 'toy', categoryId: 'toys', amount: 1000 },
      { lineId: 'none', amount: 1000 },
    ];
    expect(quote({ country: 'us', region: 'ca' }, lines).lines.map((line) => [line.lineId, line.rateName, line.taxAmount])).toEqual([
      ['food', 'California food', 0],
      ['toy', 'California', 72], // 72.5 -> 72
      ['none', 'California', 72],
    ]);
    expect(quote({ country: 'US', region: 'TX' }, lines).lines.map((line) => line.rateName)).toEqual(['US food', 'US federal', 'US federal']);
  });

  it('returns 0 with no rate name when no rate applies', () => {
    expect(quote({ country: 'FR' }, [{ lineId: 'a', amount: 1234 }])).toEqual({
      currency: 'USD',
      lines: [{ lineId: 'a', rateBasisPoints: 0, taxAmount: 0, rateName: null }],
      total: 0,
    });
  });

  it('rounds each line on its own and sums the rounded lines', () => {
    const result = quote({ country: 'US' }, [
      { lineId: 'a', amount: 30 }, // 1.5 -> 2
      { lineId: 'b', amount: 50 }, // 2.5 -> 2
      { lineId: 'c', amount: 70 }, // 3.5 -> 4
    ]);
    expect(result.lines.map((line) => line.taxAmount)).toEqual([2, 2, 4]);
    expect(result.total).toBe(8); // not round(7.5) of the summed amount
  });

  it('ignores rates outside their validity window when a date is given', () => {
    const rates = [
      rate({ rateBasisPoints: 1000, name: 'old', validTo: new Date('2026-01-01T00:00:00Z') }),
      rate({ region: 'CA', rateBasisPoints: 2000, name: 'future CA', validFrom: new Date('2027-01-01T00:00:00Z') }),
      rate({ category: 'food', rateBasisPoints: 300, name: 'food', validFrom: new Date('2025-01-01T00:00:00Z') }),
    ];
    const calc = (at: string) =>
      calculateTax({
        address: { country: 'US', region: 'CA' },
        currency: 'USD',
        rates,
        at: new Date(at),
        lines: [{ lineId: 'a', categoryId: 'food', amount: 1000, quantity: 2 }],
      });
    expect(calc('2025-06-01T00:00:00Z').lines[0]).toMatchObject({ rateName: 'food', taxAmount: 30 });
    expect(calc('2027-06-01T00:00:00Z').lines[0]).toMatchObject({ rateName: 'future CA', taxAmount: 200 });
    expect(calc('2024-06-01T00:00:00Z').lines[0]).toMatchObject({ rateName: 'old', taxAmount: 100 });
  });

  it('keeps total = sum of lines and 0 <= tax <= amount over many random baskets', () => {
    let seed = 20_261_124;
    const random = (bound: number) => {
      // mulberry32: deterministic, so a failure is reproducible.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % bound;
    };
    for (let i = 0; i < 2000; i++) {
      const rates = [rate({ rateBasisPoints: random(10_001), name: 'r' }), rate({ category: 'c', rateBasisPoints: random(10_001), name: 'rc' })];
      const lines = Array.from({ length: 1 + random(5) }, (_, n) => ({
        lineId: `l${n}`,
        categoryId: random(2) ? 'c' : 'x',
        amount: random(2_000_000_000),
        quantity: 1,
      }));
      const result = calculateTax({ address: { country: 'US' }, currency: 'USD', rates, lines });
      expect(result.total).toBe(result.lines.reduce((sum, line) => sum + line.taxAmount, 0));
      result.lines.forEach((line, n) => {
        const amount = lines[n]!.amount;
        expect(line.taxAmount).toBeGreaterThanOrEqual(0);
        expect(line.taxAmount).toBeLessThanOrEqual(amount);
        // Within half a minor unit of the exact product.
        expect(Math.abs(line.taxAmount * 10_000 - amount * line.rateBasisPoints)).toBeLessThanOrEqual(5000);
      });
    }
  });

  it('formats basis points as a percentage string', () => {
    expect([2000, 725, 5, 0, 10_000].map(basisPointsToPercentage)).toEqual(['20.00', '7.25', '0.05', '0.00', '100.00']);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeSearch, pageSize } from './search-input';

const codeAndMessage = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    const e = error as { message: string; extensions: { code: string; argument: string } };
    return [e.extensions.code, e.extensions.argument, e.message];
  }
  throw new Error('expected an error');
};

describe('search input', () => {
  it('normalizes so equal searches look equal (and share cache entries)', () => {
    expect(normalizeSearch({ text: '  leather \n jacket ', filter: { categoryIds: ['b', 'a', 'b'], currency: 'eur' } })).toEqual({
      text: 'leather jacket',
      filter: { categoryIds: ['a', 'b'], options: [], minPrice: null, maxPrice: null, currency: 'EUR', inStock: null, minRating: null },
      sort: 'RELEVANCE',
    });
    expect(normalizeSearch({ text: null, filter: null, sort: null })).toEqual(normalizeSearch({}));
    const options = [
      { name: 'Size', values: [' M', 'S', 'M'] },
      { name: ' Colour', values: ['Rust'] },
    ];
    expect(normalizeSearch({ filter: { options } }).filter.options).toEqual([
      { name: 'Colour', values: ['Rust'] },
      { name: 'Size', values: ['M', 'S'] },
    ]);
  });

  it('defaults first to 20 and bounds it by 0..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
    expect(codeAndMessage(() => pageSize(10_000))).toEqual(['BAD_USER_INPUT', 'first', 'first must be between 0 and 100']);
  });

  it.each([
    [{ filter: { minRating: 6 } }, 'filter.minRating'],
    [{ filter: { minRating: 0.5 } }, 'filter.minRating'],
    [{ filter: { minPrice: 1.5 } }, 'filter.minPrice'],
    [{ filter: { maxPrice: -3 } }, 'filter.maxPrice'],
    [{ filter: { minPrice: 9, maxPrice: 8 } }, 'filter.maxPrice'],
    [{ filter: { currency: 'EU' } }, 'filter.currency'],
    [{ filter: { categoryIds: [' '] } }, 'filter.categoryIds'],
    [{ filter: { categoryIds: Array.from({ length: 51 }, (_, i) => `c${i}`) } }, 'filter.categoryIds'],
    [{ text: 'a'.repeat(201) }, 'text'],
    [{ filter: { options: Array.from({ length: 11 }, (_, i) => ({ name: `o${i}`, values: ['x'] })) } }, 'filter.options'],
    [{ filter: { options: [{ name: 'Size', values: Array.from({ length: 51 }, (_, i) => `v${i}`) }] } }, 'filter.options'],
    [{ filter: { options: [{ name: 'Size', values: [] }] } }, 'filter.options'],
    [{ filter: { options: [{ name: ' ', values: ['M'] }] } }, 'filter.options'],
    [{ filter: { options: [{ name: 'Size', values: ['x'.repeat(101)] }] } }, 'filter.options'],
    [
      {
        filter: {
          options: [
            { name: 'Size', values: ['M'] },
            { name: 'Size ', values: ['L'] },
          ],
        },
      },
      'filter.options',
    ],
  ])('rejects %j naming %s', (args, argument) => {
    expect(codeAndMessage(() => normalizeSearch(args))).toEqual(['BAD_USER_INPUT', argument, expect.any(String)]);
  });
});

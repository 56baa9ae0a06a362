import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CatalogValidationError } from '../src';
import { inRequestedOrder, nameKey, normalizeIds, parseListArgs, parseNewProduct, parseProductPatch } from '../src/catalog-input';

const categoryId = randomUUID();
const valid = { sku: 'SKU-1', slug: 'red-tee', name: ' Red tee ', price: { amount: 0, currency: 'EUR' }, categoryId };

describe('catalog input', () => {
  it('fills defaults, trims names and assigns a lower-case id', () => {
    const parsed = parseNewProduct({ ...valid, categoryId: categoryId.toUpperCase() });
    expect(parsed).toEqual({
      ...valid,
      name: 'Red tee',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      description: '',
      images: [],
      attributes: [],
      published: false,
    });
  });

  it.each([
    ['a float price', { price: { amount: 9.99, currency: 'EUR' } }, 'price.amount'],
    ['a negative price', { price: { amount: -1, currency: 'EUR' } }, 'price.amount'],
    ['a price past integer range', { price: { amount: 2 ** 31, currency: 'EUR' } }, 'price.amount'],
    ['a lower-case currency', { price: { amount: 1, currency: 'eur' } }, 'price.currency'],
    ['a slug with spaces', { slug: 'red tee' }, 'slug'],
    ['a slug with a double hyphen', { slug: 'red--tee' }, 'slug'],
    ['a sku with whitespace', { sku: 'SKU 1' }, 'sku'],
    ['a blank name', { name: '   ' }, 'name'],
    ['an image without a URL', { images: [{ url: 'tee.jpg', alt: '' }] }, 'images.0.url'],
    ['a category that is not a UUID', { categoryId: 'clothing' }, 'categoryId'],
  ])('refuses %s', (_what, override, path) => {
    expect(() => parseNewProduct({ ...valid, ...override })).toThrow(CatalogValidationError);
    try {
      parseNewProduct({ ...valid, ...override });
    } catch (error) {
      expect((error as CatalogValidationError).issues.map((issue) => issue.path)).toContain(path);
    }
  });

  it('refuses unknown patch fields (version and timestamps are the store’s)', () => {
    expect(() => parseProductPatch({ version: 7 })).toThrow(CatalogValidationError);
    expect(parseProductPatch({ published: true })).toEqual({ published: true });
  });

  it('validates list arguments against the page size bound', () => {
    expect(parseListArgs({ first: 10 }, 100)).toEqual({ filter: {}, sort: 'NEWEST', first: 10, after: null, countTotal: true });
    expect(parseListArgs({ first: 10, countTotal: false }, 100).countTotal).toBe(false);
    expect(() => parseListArgs({ first: 101 }, 100)).toThrow(CatalogValidationError);
    expect(() => parseListArgs({ first: 1, sort: 'RANDOM' as 'NEWEST' }, 100)).toThrow(CatalogValidationError);
    expect(() => parseListArgs({ first: 1, filter: { minPrice: 2, maxPrice: 1 } }, 100)).toThrow(/minPrice must not exceed maxPrice/);
    expect(parseListArgs({ first: 1, filter: { ids: ['x', categoryId.toUpperCase(), categoryId] } }, 100).filter).toEqual({ ids: [categoryId] });
  });

  it('normalizes ids and restores the requested order', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect(normalizeIds([b, 'nope', a.toUpperCase(), b])).toEqual([b, a]);
    expect(inRequestedOrder([b, a], [{ id: a }, { id: b }])).toEqual([{ id: b }, { id: a }]);
  });

  it('folds names for NAME_ASC', () => {
    expect(nameKey('Éclair')).toBe('éclair');
    expect(nameKey('ﬁne')).toBe('fine');
  });
});

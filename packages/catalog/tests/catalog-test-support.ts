import { randomUUID } from 'node:crypto';
import type { NewProduct, Product, ProductSort } from '../src';

let sequence = 0;

/** A name no other test in the run uses (skus and slugs are unique per store). */
export const unique = (label: string): string => `${label}-${++sequence}-${randomUUID().slice(0, 6)}`;

/** A valid product input; tests override what they are about. */
export function productInput(categoryId: string, overrides: Partial<NewProduct> = {}): NewProduct {
  const slug = unique('product');
  return {
    sku: `SKU-${slug}`,
    slug,
    name: `Product ${slug}`,
    price: { amount: 1000, currency: 'EUR' },
    categoryId,
    ...overrides,
  };
}

/**
 * Timestamps advance one second every third call, so createdAt has ties (the id tie-break is
 * exercised) and later products are newer.
 */
export function steppingClock(start = Date.parse('2030-01-01T00:00:00.000Z')): () => Date {
  let calls = 0;
  return () => new Date(start + Math.floor(calls++ / 3) * 1000);
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const foldName = (name: string): string => name.normalize('NFKC').toLowerCase();

/** The order the contract promises, computed independently of any backend. */
export function expectedOrder(products: readonly Product[], sort: ProductSort): string[] {
  const compare = (a: Product, b: Product): number => {
    switch (sort) {
      case 'NEWEST':
        return b.createdAt.getTime() - a.createdAt.getTime() || compareStrings(b.id, a.id);
      case 'PRICE_ASC':
        return a.price.amount - b.price.amount || compareStrings(a.id, b.id);
      case 'PRICE_DESC':
        return b.price.amount - a.price.amount || compareStrings(b.id, a.id);
      case 'NAME_ASC':
        return compareStrings(foldName(a.name), foldName(b.name)) || compareStrings(a.id, b.id);
    }
  };
  return [...products].sort(compare).map((product) => product.id);
}

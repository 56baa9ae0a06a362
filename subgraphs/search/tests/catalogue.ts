import { randomBytes } from 'node:crypto';
import type { ProductSnapshot } from '@shop/events';
import type { SubgraphHarness } from '@shop/testkit';
import { category, created, feed, rating, stock, uniqueCurrency } from './helpers';
import type { SearchFilter, SearchQuery, SearchQueryVariables } from './__generated__/graphql';

interface Fixture {
  name: string;
  sku: string;
  categoryId: string;
  price: number;
  units: number;
  rating: [number | null, number];
  published?: boolean;
}

/** A small catalogue; `created` minutes are the keys' order (a first ... g last). */
const fixtures = {
  a: { name: 'Leather Jacket', sku: 'LJ-100', categoryId: 'outerwear', price: 12_900, units: 3, rating: [4.6, 12] },
  b: { name: 'Denim Jacket', sku: 'DJ-200', categoryId: 'outerwear', price: 7_900, units: 0, rating: [4.1, 5] },
  c: { name: 'Rain Coat', sku: 'RC-300', categoryId: 'outerwear', price: 9_900, units: 8, rating: [3.2, 4] },
  d: { name: 'Wool Scarf', sku: 'WS-400', categoryId: 'accessories', price: 2_500, units: 5, rating: [null, 0] },
  e: { name: 'Leather Belt', sku: 'LB-500', categoryId: 'accessories', price: 3_500, units: 2, rating: [4.6, 3] },
  f: { name: 'Jade Teapot', sku: 'JT-600', categoryId: 'kitchen', price: 1_800, units: 9, rating: [2.5, 2] },
  g: { name: 'Secret Jacket', sku: 'SJ-700', categoryId: 'outerwear', price: 5_000, units: 4, rating: [5, 1], published: false },
} satisfies Record<string, Fixture>;

export type Key = keyof typeof fixtures;

/**
 * Publishes the catalogue in a currency of its own (the isolation key: every search of a test
 * filters by it) and returns the product id of each key.
 */
export async function seedCatalogue(harness: SubgraphHarness) {
  const currency = uniqueCurrency();
  const prefix = `p${randomBytes(4).toString('hex')}`;
  const ids = Object.fromEntries(Object.keys(fixtures).map((key) => [key, `${prefix}-${key}`])) as Record<Key, string>;
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const events = feed(harness);
  const products: Record<string, ProductSnapshot> = {};
  // The catalog's categories, as products announces them; a category's slug is `<id>-slug`. Kitchen
  // and accessories sit below `home`, which holds no product of its own.
  await events.publish(category('home', 'home-slug'), { changes: false });
  for (const id of new Set(Object.values(fixtures).map((f) => f.categoryId))) {
    await events.publish(category(id, `${id}-slug`, id === 'kitchen' || id === 'accessories' ? 'home' : null), { changes: false });
  }
  for (const [i, [key, f]] of (Object.entries(fixtures) as Array<[Key, Fixture]>).entries()) {
    const product = {
      productId: ids[key],
      sku: f.sku,
      name: f.name,
      categoryId: f.categoryId,
      price: { amount: f.price, currency },
      published: f.published ?? true,
    };
    products[key] = product;
    const when = new Date(base + i * 60_000);
    await events.publish(created(product, when));
    await events.publish(stock(product.productId, f.units, when));
    await events.publish(rating(product.productId, f.rating[0], f.rating[1], when));
  }
  /** Product ids of keys, for exact-order assertions. */
  const idsOf = (keys: string) => [...keys].map((key) => ids[key as Key]);
  return { currency, ids, idsOf, products: products as Record<Key, ProductSnapshot>, events };
}

/** Search variables as the suites write them: the filter's currency is added by each suite. */
export type SearchVariables = Omit<SearchQueryVariables, 'filter'> & { filter?: Partial<SearchFilter> };

export const buckets = (data: SearchQuery) => data.search.facets.priceBuckets.map((b) => [b.min, b.max, b.count]);

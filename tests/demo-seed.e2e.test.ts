import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@shop/testkit';
import { demoCategories, demoProducts, JACKET_XL_SURCHARGE } from '../scripts/seed/demo-catalog';
import { seedShop, type SeedSummary } from '../scripts/seed/seed-shop';
import { startShop } from './support/embedded-shop';

/** What `npm start` does on a first start: the demo shop, seeded through the public API. */
describe('demo seed', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let summary: SeedSummary;
  const catalog = demoProducts();

  beforeAll(async () => {
    shop = await startShop();
    summary = await seedShop(shop.routerUrl, shop.admin);
  }, 300_000);
  afterAll(() => shop?.stop());

  it('creates the whole demo catalogue', () => {
    expect(summary).toMatchObject({
      categories: demoCategories.length,
      products: catalog.length,
      taxRates: 6,
      shippingRates: 10,
      promotions: 2,
    });
    expect(summary.reviews).toBeGreaterThan(100);
  });

  it('has real variants in the data: shirts and jackets in sizes and colours, shoes in sizes, some out of stock, XL jackets dearer', () => {
    const withOptions = catalog.filter((p) => p.options.length > 0);
    expect(new Set(withOptions.map((p) => p.categorySlug))).toEqual(new Set(['shirts', 'jackets', 'running', 'boots']));
    expect(withOptions.map((p) => p.variants.length).reduce((a, b) => a + b, 0)).toBe(40 * 8 + 40 * 6);
    expect(catalog.flatMap((p) => p.variants)).toHaveLength(720);
    expect(catalog.flatMap((p) => p.variants).filter((v) => v.stock === 0)).toHaveLength(127);
    const dearer = catalog.flatMap((p) =>
      p.variants.filter((v) => v.price !== p.price).map((v) => [p.categorySlug, v.optionValues[0]!.value, v.price - p.price]),
    );
    expect(dearer).toHaveLength(40);
    expect(new Set(dearer.map((entry) => entry.join()))).toEqual(new Set([`jackets,XL,${JACKET_XL_SURCHARGE}`]));
  });

  it('shows customers exactly the published products, with their variants, stock and prices from the seed', async () => {
    const published = catalog.filter((p) => p.published);
    const query = `{ products(first: 30, filter: { categorySlug: "jackets" }, sort: PRICE_ASC) {
      totalCount edges { node { sku price { amount } salePrice { amount } stock inStock
        variants { sku price { amount } salePrice { amount } stock optionValues { option value } } } } } }`;
    type Variant = {
      sku: string;
      price: { amount: number };
      salePrice: { amount: number } | null;
      stock: number;
      optionValues: Array<{ option: string; value: string }>;
    };
    type Node = { sku: string; price: { amount: number }; salePrice: { amount: number } | null; stock: number; inStock: boolean; variants: Variant[] };
    const result = await shop.client<{ products: { totalCount: number; edges: Array<{ node: Node }> } }, Record<string, never>>(query);
    const jackets = published.filter((p) => p.categorySlug === 'jackets').sort((a, b) => a.price - b.price || a.sku.localeCompare(b.sku));
    // The automatic 20 % jackets promotion, discount rounded down.
    const sale = (price: number) => price - Math.floor((price * 2000) / 10_000);
    expect(result.errors).toBeUndefined();
    expect(result.data?.products.totalCount).toBe(jackets.length);
    for (const { node } of result.data!.products.edges) {
      const seeded = jackets.find((p) => p.sku === node.sku)!;
      expect(node.price.amount).toBe(seeded.price);
      // Stock is seeded per variant; the product's is their sum.
      expect(node.stock).toBe(seeded.stock);
      expect(node.inStock).toBe(seeded.stock > 0);
      expect(node.salePrice?.amount).toBe(sale(seeded.price));
      expect(node.variants).toEqual(
        seeded.variants.map((v) => ({
          sku: v.sku,
          price: { amount: v.price },
          salePrice: { amount: sale(v.price) },
          stock: v.stock,
          optionValues: v.optionValues,
        })),
      );
    }
  });

  it('finds shirts by size and colour in search, with a facet per option', async () => {
    const shirts = catalog.filter((p) => p.published && p.categorySlug === 'shirts');
    const olive = shirts.filter((p) => p.options[1]!.values.includes('Olive'));
    type Search = { search: { totalCount: number; facets: { options: Array<{ option: string; values: Array<{ value: string; count: number }> }> } } };
    const query = `query($filter: SearchFilter) { search(filter: $filter, first: 0) { totalCount facets { options { option values { value count } } } } }`;
    const search = (filter: object) => shop.client<Search, { filter: object }>(query, { filter });
    const bySize = await eventually(async () => {
      const result = await search({ categorySlugs: ['shirts'], options: [{ name: 'Size', values: ['M'] }] });
      return result.data?.search.totalCount === shirts.length ? result.data.search : null;
    });
    const colours = new Map<string, number>();
    for (const value of shirts.flatMap((p) => p.options[1]!.values)) colours.set(value, (colours.get(value) ?? 0) + 1);
    expect(bySize.facets.options).toEqual([
      { option: 'Colour', values: [...colours].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value, count]) => ({ value, count })) },
      { option: 'Size', values: ['L', 'M', 'S', 'XL'].map((value) => ({ value, count: shirts.length })) },
    ]);
    const oliveM = await search({
      categorySlugs: ['shirts'],
      options: [
        { name: 'Size', values: ['M'] },
        { name: 'Colour', values: ['Olive'] },
      ],
    });
    expect(oliveM.data?.search.totalCount).toBe(olive.length);
  });

  it('lists the seeded shipping rates of a country to anyone', async () => {
    const query = '{ shippingRates(country: "DE") { totalCount edges { node { carrier name price { amount currency } freeOver { amount } estimatedDays } } } }';
    type Rates = { shippingRates: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } };
    const result = await shop.client<Rates, Record<string, never>>(query);
    expect(result.data?.shippingRates.edges.map((edge) => edge.node)).toEqual([
      { carrier: 'DHL', name: 'DHL Paket', price: { amount: 499, currency: 'EUR' }, freeOver: { amount: 5000 }, estimatedDays: 2 },
      { carrier: 'Hermes', name: 'Hermes Paket', price: { amount: 449, currency: 'EUR' }, freeOver: null, estimatedDays: 3 },
      { carrier: 'DHL', name: 'DHL Express', price: { amount: 1290, currency: 'EUR' }, freeOver: null, estimatedDays: 1 },
    ]);
  });
});

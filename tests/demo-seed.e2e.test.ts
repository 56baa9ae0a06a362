import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCategories, demoProducts } from '../scripts/seed/demo-catalog';
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

  it('shows customers exactly the published products, with stock and prices from the seed', async () => {
    const published = catalog.filter((p) => p.published);
    const query = `{ products(first: 100, filter: { categorySlug: "jackets" }, sort: PRICE_ASC) {
      totalCount edges { node { sku price { amount } salePrice { amount } stock inStock } } } }`;
    const result = await shop.client<{ products: { totalCount: number; edges: Array<{ node: { sku: string; price: { amount: number }; salePrice: { amount: number } | null; stock: number; inStock: boolean } }> } }, Record<string, never>>(query);
    const jackets = published.filter((p) => p.categorySlug === 'jackets').sort((a, b) => a.price - b.price || a.sku.localeCompare(b.sku));
    expect(result.data?.products.totalCount).toBe(jackets.length);
    for (const { node } of result.data!.products.edges) {
      const seeded = jackets.find((p) => p.sku === node.sku)!;
      expect(node.price.amount).toBe(seeded.price);
      expect(node.stock).toBe(seeded.stock);
      expect(node.inStock).toBe(seeded.stock > 0);
      // The automatic 20 % jackets promotion, discount rounded down.
      expect(node.salePrice?.amount).toBe(seeded.price - Math.floor((seeded.price * 2000) / 10_000));
    }
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

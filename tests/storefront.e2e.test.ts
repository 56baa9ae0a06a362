import { eventually } from '@shop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentRequestScope, trackRequestScopes } from '@shop/subgraph-kit';
import {
  AddReviewDocument,
  AddToWishlistDocument,
  AddProductOptionDocument,
  AdjustStockDocument,
  CreateCategoryDocument,
  CreateProductDocument,
  CreatePromotionDocument,
  GenerateProductVariantsDocument,
  SearchDocument,
  StorefrontDocument,
  StorefrontVariantsDocument,
} from './__generated__/graphql';
import { startShop } from './support/embedded-shop';
import { newCustomer, signInAdmin, whenKnown, type Actor } from './support/shop-actors';

/**
 * The storefront query through the router: a page of 20 products with fields from four subgraphs.
 * Federation must batch: one `_entities` request per extending subgraph, at most two SQL
 * statements in each (statements are attributed to the subgraph request that ran them).
 */
describe('storefront', () => {
  const requests = new Map<string, number>();
  const statements = new Map<string, number>();
  let shop: Awaited<ReturnType<typeof startShop>>;
  let admin: Actor;
  const products: Array<{ id: string; sku: string; price: number; stock: number; ratings: number[]; favourites: number; sized: string | null }> = [];

  beforeAll(async () => {
    trackRequestScopes();
    shop = await startShop(undefined, {
      onSubgraphRequest: (name) => requests.set(name, (requests.get(name) ?? 0) + 1),
      onQuery: () => {
        const scope = currentRequestScope();
        if (scope) statements.set(scope.subgraph, (statements.get(scope.subgraph) ?? 0) + 1);
      },
    });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    const as = { token: admin.token };
    const category = await shop.client(CreateCategoryDocument, { input: { slug: `storefront-${Date.now()}`, name: 'Storefront' } }, as);
    const categoryId = category.data!.createCategory.category!.id;
    const shoppers = [await newCustomer(shop.routerUrl, 'Ada'), await newCustomer(shop.routerUrl, 'Grace')];

    for (let i = 0; i < 20; i++) {
      const sku = `SF-${Date.now()}-${i}`;
      const created = await shop.client(
        CreateProductDocument,
        {
          input: {
            sku,
            slug: `sf-${Date.now()}-${i}`,
            name: `Storefront item ${i}`,
            price: { amount: 1000 + i, currency: 'EUR' },
            categoryId,
            published: true,
          },
        },
        as,
      );
      const id = created.data!.createProduct.product!.id;
      const stock = i % 4 === 0 ? 0 : i * 3;
      if (stock > 0) {
        await whenKnown(
          async () => (await shop.client(AdjustStockDocument, { input: { productId: id, delta: stock, idempotencyKey: `sf-${id}` } }, as)).data?.adjustStock,
        );
      }
      const ratings = i % 3 === 0 ? [5, 4] : i % 3 === 1 ? [2] : [];
      for (const [n, rating] of ratings.entries()) {
        await whenKnown(
          async () =>
            (await shop.client(AddReviewDocument, { input: { productId: id, rating, title: 'Review', body: 'Body' } }, { token: shoppers[n]!.token })).data
              ?.addReview,
        );
      }
      const favourites = i % 5 === 0 ? 2 : 0;
      for (const shopper of shoppers.slice(0, favourites)) {
        await whenKnown(async () => (await shop.client(AddToWishlistDocument, { productId: id }, { token: shopper.token })).data?.addToWishlist);
      }
      // Every fifth comes in sizes: its first variant (with the stock) becomes S, an M without stock is added.
      let sized: string | null = null;
      if (i % 5 === 1) {
        sized = `SFV-${Date.now()}-${i}`;
        const option = await shop.client(AddProductOptionDocument, { productId: id, input: { name: 'Size', values: ['S', 'M'] } }, as);
        expect(option.data?.addProductOption.errors).toEqual([]);
        const generated = await shop.client(
          GenerateProductVariantsDocument,
          { productId: id, input: { skuPrefix: sized, price: { amount: 1000 + i, currency: 'EUR' } } },
          as,
        );
        expect(generated.data?.generateProductVariants.errors).toEqual([]);
      }
      products.unshift({ id, sku, price: 1000 + i, stock, ratings, favourites, sized }); // NEWEST first, as the query sorts
    }
    // 10 % off the whole category; promotions learns each product's category from its events.
    const promotion = await whenKnown(
      async () =>
        (await shop.client(CreatePromotionDocument, { input: { name: 'Storefront 10', kind: 'PERCENTAGE', value: 1000, categoryIds: [categoryId] } }, as)).data
          ?.createPromotion,
    );
    expect(promotion.errors).toEqual([]);
    const ids = products.map((p) => p.id);
    for (let i = 0; i < 100; i++) {
      const page = await shop.client(StorefrontDocument, { first: 20, filter: { ids } });
      if (page.data?.products.edges.every((e) => e.node.salePrice !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    requests.clear();
    statements.clear();
  });
  afterAll(() => shop?.stop());

  it('answers 20 products with exact fields from products, inventory, ratings, favourites and promotions', async () => {
    const result = await shop.client(StorefrontDocument, { first: 20, filter: { ids: products.map((p) => p.id) } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.products.totalCount).toBe(20);
    expect(result.data!.products.edges.map((e) => e.node)).toEqual(
      products.map((p, index) => ({
        id: p.id,
        name: `Storefront item ${19 - index}`,
        price: { amount: 1000 + 19 - index, currency: 'EUR' },
        salePrice: { amount: 1000 + 19 - index - Math.floor(((1000 + 19 - index) * 1000) / 10_000), currency: 'EUR' },
        stock: p.stock,
        inStock: p.stock > 0,
        averageRating: p.ratings.length ? p.ratings.reduce((a, b) => a + b, 0) / p.ratings.length : null,
        reviewCount: p.ratings.length,
        favouriteCount: p.favourites,
      })),
    );
  });

  it('costs one request per subgraph and at most two SQL statements in each', async () => {
    requests.clear();
    statements.clear();
    await shop.client(StorefrontDocument, { first: 20, filter: { ids: products.map((p) => p.id) } });
    expect(Object.fromEntries(requests)).toEqual({ products: 1, inventory: 1, ratings: 1, favourites: 1, promotions: 1 });
    for (const subgraph of ['products', 'inventory', 'ratings', 'favourites', 'promotions']) {
      expect(statements.get(subgraph) ?? 0, subgraph).toBeGreaterThanOrEqual(1);
      expect(statements.get(subgraph) ?? 0, subgraph).toBeLessThanOrEqual(2);
    }
  });

  it('answers the variants of 20 products with their stock and sale price: one request to inventory and to promotions, at most two SQL statements each', async () => {
    const variables = { first: 20, filter: { ids: products.map((p) => p.id) } };
    const expected = products.map((p) => {
      const price = { amount: p.price, currency: 'EUR' };
      // The category's 10 % off, rounded down, applies to every variant.
      const salePrice = { amount: p.price - Math.floor((p.price * 1000) / 10_000), currency: 'EUR' };
      const own = { sku: p.sku, price, salePrice, stock: p.stock, inStock: p.stock > 0 };
      if (!p.sized) return { id: p.id, variants: [{ ...own, optionValues: [] }] };
      const m = { sku: `${p.sized}-M`, price, salePrice, stock: 0, inStock: false, optionValues: [{ option: 'Size', value: 'M' }] };
      return { id: p.id, variants: [{ ...own, optionValues: [{ option: 'Size', value: 'S' }] }, m] };
    });
    // Promotions learns the generated variants from product.updated events.
    const first = await eventually(async () => {
      const result = await shop.client(StorefrontVariantsDocument, variables);
      return result.data?.products.edges.every((e) => e.node.variants.every((v) => v.salePrice !== null)) ? result : null;
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.products.edges.map((e) => e.node)).toEqual(expected);
    requests.clear();
    statements.clear();
    await shop.client(StorefrontVariantsDocument, variables);
    expect(Object.fromEntries(requests)).toEqual({ products: 1, inventory: 1, promotions: 1 });
    for (const subgraph of ['products', 'inventory', 'promotions']) {
      expect(statements.get(subgraph) ?? 0, subgraph).toBeGreaterThanOrEqual(1);
      expect(statements.get(subgraph) ?? 0, subgraph).toBeLessThanOrEqual(2);
    }
  });

  it('finds products through search despite a typo', async () => {
    const deadline = Date.now() + 10_000;
    let names: string[] = [];
    while (Date.now() < deadline && names.length === 0) {
      names = (await shop.client(SearchDocument, { text: 'Storefrnt item', first: 5 })).data?.search.edges.map((e) => e.node.name) ?? [];
    }
    expect(names).toHaveLength(5);
    expect(names.every((name) => name.startsWith('Storefront item'))).toBe(true);
  });

  it('page size 10 000 is a typed error, not a slow query', async () => {
    const result = await shop.client(StorefrontDocument, { first: 10_000 });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

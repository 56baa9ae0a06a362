import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ops from './__generated__/graphql';
import { startShop } from './support/embedded-shop';
import { newCustomer, signInAdmin, whenKnown, type Actor } from './support/shop-actors';

/**
 * Every storefront Query and Mutation field the other e2e tests do not call, through the router
 * with the typed client, on one embedded shop.
 */
describe('storefront API through the router', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let admin: Actor;
  let ada: Actor;
  let grace: Actor;
  let categoryId: string;
  const unknownId = '00000000-0000-4000-8000-000000000000';
  const tag = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const as = (actor: Actor) => ({ token: actor.token });
  const codes = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.map((e) => e.extensions?.code);
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return read();
  };
  const createCategory = async (name: string, parentId?: string) => {
    const input = { slug: `c-${tag()}`, name, ...(parentId ? { parentId } : {}) };
    return (await shop.client(ops.CreateCategoryDocument, { input }, as(admin))).data!.createCategory.category!;
  };
  const createProduct = async (name: string, amount: number, overrides: Record<string, unknown> = {}) => {
    const input = { sku: `A-${tag()}`, slug: `a-${tag()}`, name, price: { amount, currency: 'EUR' }, categoryId, published: true, ...overrides };
    return (await shop.client(ops.CreateProductDocument, { input }, as(admin))).data!.createProduct.product!;
  };

  beforeAll(async () => {
    shop = await startShop();
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    ada = await newCustomer(shop.routerUrl, 'Ada');
    grace = await newCustomer(shop.routerUrl, 'Grace');
    categoryId = (await createCategory('Api')).id;
  });
  afterAll(() => shop?.stop());

  it('reads products by id and slug, pages and sorts them, and walks the category tree', async () => {
    const parent = await createCategory('Parent');
    const child = await createCategory('Child', parent.id);
    const [cheap, dear, hidden] = [
      await createProduct('Bravo', 900, { categoryId: child.id }),
      await createProduct('Alpha', 2000, { categoryId: child.id }),
      await createProduct('Hidden', 100, { categoryId: child.id, published: false }),
    ];
    const bySlug = await shop.client(ops.ProductByDocument, { slug: (await shop.client(ops.ProductByDocument, { id: cheap!.id })).data!.product!.slug });
    expect(bySlug.data?.product).toMatchObject({
      id: cheap!.id,
      name: 'Bravo',
      price: { amount: 900, currency: 'EUR' },
      category: { id: child.id },
      published: true,
      version: 1,
    });
    expect((await shop.client(ops.ProductByDocument, { id: hidden!.id })).data?.product).toBeNull();
    expect((await shop.client(ops.ProductByDocument, { id: hidden!.id }, as(admin))).data?.product?.published).toBe(false);

    const filter = { categoryId: child.id };
    const first = await shop.client(ops.ProductPageDocument, { filter, sort: 'PRICE_DESC', first: 1 });
    expect(first.data?.products).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: dear!.id } }] });
    const next = await shop.client(ops.ProductPageDocument, { filter, sort: 'PRICE_DESC', first: 1, after: first.data!.products.pageInfo.endCursor });
    expect(next.data?.products).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: cheap!.id } }] });
    const asAdmin = await shop.client(ops.ProductPageDocument, { filter: { ...filter, published: false }, first: 10 }, as(admin));
    expect(asAdmin.data?.products.edges.map((e) => e.node.id)).toEqual([hidden!.id]);

    const tree = (await shop.client(ops.CategoryTreeDocument, {})).data!.categories;
    const at = tree.findIndex((c) => c.id === parent.id);
    expect(tree[at + 1]).toEqual({ id: child.id, slug: child.slug, name: 'Child', position: 0, parent: { id: parent.id } });
    const bySlugCategory = await shop.client(ops.CategoryByDocument, { slug: parent.slug });
    expect(bySlugCategory.data?.category).toMatchObject({ id: parent.id, parent: null, children: [{ id: child.id }] });
    const byIdCategory = await shop.client(ops.CategoryByDocument, { id: child.id });
    expect(byIdCategory.data?.category?.products).toEqual({ totalCount: 2, edges: [{ node: { name: 'Alpha' } }, { node: { name: 'Bravo' } }] });
    expect((await shop.client(ops.CategoryByDocument, { id: unknownId })).data?.category).toBeNull();
  });

  it('updates, publishes, unpublishes and deletes products and updates categories', async () => {
    const product = await createProduct('Draft', 1000, { published: false });
    const updated = await shop.client(
      ops.UpdateProductDocument,
      {
        id: product.id,
        input: { name: 'Final', price: { amount: 1200, currency: 'EUR' }, attributes: [{ name: 'colour', value: 'red' }] },
        expectedVersion: 1,
      },
      as(admin),
    );
    expect(updated.data?.updateProduct).toMatchObject({
      product: { name: 'Final', price: { amount: 1200 }, attributes: [{ name: 'colour', value: 'red' }], version: 2 },
      errors: [],
    });
    const stale = await shop.client(ops.UpdateProductDocument, { id: product.id, input: { name: 'Stale' }, expectedVersion: 1 }, as(admin));
    expect(stale.data?.updateProduct).toMatchObject({ product: null, errors: [{ code: 'VERSION_CONFLICT' }] });
    const forbidden = await shop.client(ops.UpdateProductDocument, { id: product.id, input: { name: 'Mine' } }, as(ada));
    expect(codes(forbidden)).toEqual(['FORBIDDEN']);

    expect((await shop.client(ops.PublishProductDocument, { id: product.id }, as(admin))).data?.publishProduct).toEqual({
      product: { id: product.id, published: true },
      errors: [],
    });
    expect((await shop.client(ops.ProductByDocument, { id: product.id })).data?.product?.name).toBe('Final');
    expect((await shop.client(ops.UnpublishProductDocument, { id: product.id }, as(admin))).data?.unpublishProduct).toEqual({
      product: { id: product.id, published: false },
      errors: [],
    });
    expect((await shop.client(ops.ProductByDocument, { id: product.id })).data?.product).toBeNull();
    expect((await shop.client(ops.PublishProductDocument, { id: unknownId }, as(admin))).data?.publishProduct.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);

    expect((await shop.client(ops.DeleteProductDocument, { id: product.id }, as(admin))).data?.deleteProduct).toEqual({
      deletedProductId: product.id,
      errors: [],
    });
    expect((await shop.client(ops.ProductByDocument, { id: product.id }, as(admin))).data?.product).toBeNull();
    expect((await shop.client(ops.DeleteProductDocument, { id: product.id }, as(admin))).data?.deleteProduct).toMatchObject({
      deletedProductId: null,
      errors: [{ code: 'NOT_FOUND' }],
    });

    const parent = await createCategory('Outer');
    const category = await createCategory('Inner');
    const moved = await shop.client(ops.UpdateCategoryDocument, { id: category.id, input: { name: 'Renamed', parentId: parent.id, position: 3 } }, as(admin));
    expect(moved.data?.updateCategory).toEqual({
      category: { id: category.id, slug: category.slug, name: 'Renamed', position: 3, parent: { id: parent.id } },
      errors: [],
    });
    const cycle = await shop.client(ops.UpdateCategoryDocument, { id: parent.id, input: { parentId: category.id } }, as(admin));
    expect(cycle.data?.updateCategory).toMatchObject({ category: null, errors: [{ code: 'INVALID_PARENT' }] });
  });

  it('adjusts stock and pages the ledger', async () => {
    const product = await createProduct('Stocked', 500);
    const adjust = (delta: number, key: string) =>
      whenKnown(
        async () =>
          (await shop.client(ops.AdjustStockMovementDocument, { input: { productId: product.id, delta, reason: `r ${key}`, idempotencyKey: key } }, as(admin)))
            .data?.adjustStock,
      );
    expect(await adjust(10, `${product.id}-1`)).toMatchObject({
      movement: { kind: 'ADJUSTMENT', delta: 10, onHandAfter: 10, reason: `r ${product.id}-1` },
      errors: [],
    });
    expect(await adjust(-3, `${product.id}-2`)).toMatchObject({ movement: { delta: -3, onHandAfter: 7 }, errors: [] });
    expect(await adjust(-8, `${product.id}-3`)).toEqual({ movement: null, errors: [{ code: 'INSUFFICIENT_STOCK', field: 'delta' }] });

    const page = await shop.client(ops.ProductStockAndMovementsDocument, { productId: product.id, first: 1 }, as(admin));
    expect(page.data?.product).toEqual({ stock: 7, inStock: true });
    expect(page.data?.stockMovements).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { delta: -3, onHandAfter: 7, actor: { id: admin.userId } } }],
    });
    const rest = await shop.client(
      ops.ProductStockAndMovementsDocument,
      { productId: product.id, first: 1, after: page.data!.stockMovements.pageInfo.endCursor },
      as(admin),
    );
    expect(rest.data?.stockMovements).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { delta: 10, onHandAfter: 10 } }] });
    expect(codes(await shop.client(ops.ProductStockAndMovementsDocument, { productId: product.id }, as(ada)))).toEqual(['FORBIDDEN']);
  });

  it('reads reviews by id, per product and per user, and deletes one with the new summary', async () => {
    const product = await createProduct('Reviewed', 800);
    const review = async (actor: Actor, rating: number) =>
      (
        await whenKnown(
          async () =>
            (await shop.client(ops.AddReviewDocument, { input: { productId: product.id, rating, title: `${rating} stars`, body: 'Body' } }, as(actor))).data
              ?.addReview,
        )
      ).review!.id;
    const fromAda = await review(ada, 5);
    await review(grace, 2);
    const again = await shop.client(ops.AddReviewDocument, { input: { productId: product.id, rating: 4, title: 'Again', body: '' } }, as(ada));
    expect(again.data?.addReview.errors.map((e) => e.code)).toEqual(['ALREADY_REVIEWED']);

    expect((await shop.client(ops.ReviewByIdDocument, { id: fromAda })).data?.review).toEqual({
      id: fromAda,
      rating: 5,
      title: '5 stars',
      body: 'Body',
      verifiedPurchase: false,
      author: { id: ada.userId, name: 'Ada' },
      product: { id: product.id, name: 'Reviewed' },
    });
    const lowest = await shop.client(ops.ProductReviewsDocument, { id: product.id, sort: 'LOWEST_RATING', first: 1 });
    expect(lowest.data?.product).toMatchObject({
      averageRating: 3.5,
      reviewCount: 2,
      reviews: { totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { rating: 2 } }] },
    });
    const after = await shop.client(ops.ProductReviewsDocument, {
      id: product.id,
      sort: 'LOWEST_RATING',
      first: 1,
      after: lowest.data!.product!.reviews.pageInfo.endCursor,
    });
    expect(after.data?.product?.reviews.edges).toEqual([{ node: { rating: 5, title: '5 stars' } }]);
    expect((await shop.client(ops.MyReviewsDocument, {}, as(ada))).data?.me?.reviews).toEqual({
      totalCount: 1,
      edges: [{ node: { rating: 5, product: { id: product.id } } }],
    });

    const deleted = await shop.client(ops.DeleteReviewWithSummaryDocument, { id: fromAda }, as(ada));
    expect(deleted.data?.deleteReview).toEqual({ deletedReviewId: fromAda, product: { id: product.id, reviewCount: 1, averageRating: 2 } });
    expect((await shop.client(ops.ReviewByIdDocument, { id: fromAda })).data?.review).toBeNull();
    expect((await shop.client(ops.MyReviewsDocument, {}, as(ada))).data?.me?.reviews.totalCount).toBe(0);
  });

  it('searches with filters, sorts, pages and facets', async () => {
    const { id: searchCategory, slug: searchSlug } = await createCategory('Search');
    const word = `zyx${Date.now().toString(36)}`;
    const lamp = await createProduct(`${word} lamp`, 1500, { categoryId: searchCategory });
    const desk = await createProduct(`${word} desk`, 30_000, { categoryId: searchCategory });
    await whenKnown(
      async () =>
        (await shop.client(ops.AdjustStockDocument, { input: { productId: lamp.id, delta: 4, idempotencyKey: `s-${lamp.id}` } }, as(admin))).data?.adjustStock,
    );
    await whenKnown(
      async () => (await shop.client(ops.AddReviewDocument, { input: { productId: lamp.id, rating: 4, title: 'Fine', body: '' } }, as(ada))).data?.addReview,
    );
    const filter = { categoryIds: [searchCategory] };
    const all = await until(
      () => shop.client(ops.FacetedSearchDocument, { filter, sort: 'PRICE_DESC', first: 1 }),
      (r) => r.data?.search.totalCount === 2 && r.data.search.facets.inStock === 1 && r.data.search.facets.ratings[0]?.count === 1,
    );
    expect(all.data?.search).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: desk.id } }] });
    expect(all.data?.search.facets).toEqual({
      // facets ignore their own filter: the category facet counts every category's products
      categories: expect.arrayContaining([{ categoryId: searchCategory, category: { name: 'Search', slug: searchSlug }, count: 2 }]),
      priceBuckets: expect.arrayContaining([
        { min: 1_000, max: 2_500, count: 1 },
        { min: 25_000, max: 50_000, count: 1 },
      ]),
      ratings: [
        { minRating: 4, count: 1 },
        { minRating: 3, count: 1 },
        { minRating: 2, count: 1 },
        { minRating: 1, count: 1 },
      ],
      inStock: 1,
    });
    const bySlug = await shop.client(ops.FacetedSearchDocument, { filter: { categorySlugs: [searchSlug] }, sort: 'PRICE_DESC' });
    expect(bySlug.data?.search.edges.map((e) => e.node.id)).toEqual([desk.id, lamp.id]);
    const unknown = await shop.client(ops.FacetedSearchDocument, { filter: { categorySlugs: [`${searchSlug}-nope`] } });
    expect(unknown.errors?.map((e) => [e.message, e.extensions?.code, e.extensions?.argument])).toEqual([
      [`No category has the slug "${searchSlug}-nope"`, 'BAD_USER_INPUT', 'filter.categorySlugs'],
    ]);
    const next = await shop.client(ops.FacetedSearchDocument, { filter, sort: 'PRICE_DESC', first: 1, after: all.data!.search.pageInfo.endCursor });
    expect(next.data?.search.edges.map((e) => e.node.id)).toEqual([lamp.id]);
    const inStock = await shop.client(ops.FacetedSearchDocument, { filter: { ...filter, inStock: true, minRating: 4 } });
    expect(inStock.data?.search.edges.map((e) => e.node.id)).toEqual([lamp.id]);
    const priced = await shop.client(ops.FacetedSearchDocument, { filter: { ...filter, minPrice: 20_000, currency: 'EUR' } });
    expect(priced.data?.search.edges.map((e) => e.node.id)).toEqual([desk.id]);
    const text = await shop.client(ops.FacetedSearchDocument, { text: `${word} desk` });
    expect(text.data?.search.edges[0]?.node).toEqual({ id: desk.id, name: `${word} desk` });
  });

  it('removes products from the wishlist and reads it', async () => {
    const [first, second] = [await createProduct('Wish one', 700), await createProduct('Wish two', 800)];
    for (const product of [first, second]) {
      await whenKnown(async () => (await shop.client(ops.AddToWishlistDocument, { productId: product.id }, as(grace))).data?.addToWishlist);
    }
    const page = await shop.client(ops.MyWishlistDocument, { first: 1 }, as(grace));
    expect(page.data?.me?.wishlist).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { product: { id: second.id, favouriteCount: 1 } } }],
    });
    const rest = await shop.client(ops.MyWishlistDocument, { first: 1, after: page.data!.me!.wishlist.pageInfo.endCursor }, as(grace));
    expect(rest.data?.me?.wishlist.edges.map((e) => e.node.product.id)).toEqual([first.id]);

    const removed = await shop.client(ops.RemoveFromWishlistDocument, { productId: second.id }, as(grace));
    expect(removed.data?.removeFromWishlist).toMatchObject({ item: { product: { id: second.id } }, errors: [] });
    expect((await shop.client(ops.RemoveFromWishlistDocument, { productId: second.id }, as(grace))).data?.removeFromWishlist).toEqual({
      item: null,
      errors: [],
    });
    expect((await shop.client(ops.RemoveFromWishlistDocument, { productId: unknownId }, as(grace))).data?.removeFromWishlist).toEqual({
      item: null,
      errors: [{ code: 'UNKNOWN_PRODUCT', field: 'productId' }],
    });
    const after = await shop.client(ops.MyWishlistDocument, {}, as(grace));
    expect(after.data?.me?.wishlist).toMatchObject({ totalCount: 1, edges: [{ node: { product: { id: first.id, favouriteCount: 1 } } }] });
    expect(codes(await shop.client(ops.RemoveFromWishlistDocument, { productId: first.id }))).toEqual(['UNAUTHENTICATED']);
  });

  it('creates, lists, updates, quotes and deactivates promotions; the sale price follows', async () => {
    const product = await createProduct('On sale', 1500);
    const percent = { name: `Twenty ${tag()}`, kind: 'PERCENTAGE' as const, value: 2000, productIds: [product.id] };
    const created = await whenKnown(async () => (await shop.client(ops.CreatePromotionFullDocument, { input: percent }, as(admin))).data?.createPromotion);
    const id = created.promotion!.id;
    expect(created.promotion).toMatchObject({
      kind: 'PERCENTAGE',
      value: 2000,
      automatic: true,
      couponCode: null,
      productIds: [product.id],
      active: true,
      timesUsed: 0,
    });
    const coupon = `SAVE${Date.now()}`;
    const fixed = await shop.client(
      ops.CreatePromotionFullDocument,
      { input: { name: 'Five off', kind: 'FIXED_AMOUNT', value: 500, currency: 'EUR', couponCode: coupon } },
      as(admin),
    );
    expect(fixed.data?.createPromotion).toMatchObject({
      promotion: { automatic: false, couponCode: coupon, amountOff: { amount: 500, currency: 'EUR' } },
      errors: [],
    });
    const invalid = await shop.client(ops.CreatePromotionFullDocument, { input: { ...percent, value: 0 } }, as(admin));
    expect(invalid.data?.createPromotion).toEqual({ promotion: null, errors: [{ code: 'INVALID_VALUE', field: 'value' }] });
    expect(codes(await shop.client(ops.PromotionListDocument, {}, as(ada)))).toEqual(['FORBIDDEN']);

    const updated = await shop.client(ops.UpdatePromotionDocument, { id, input: { ...percent, value: 2500 } }, as(admin));
    expect(updated.data?.updatePromotion).toMatchObject({ promotion: { id, value: 2500, active: true }, errors: [] });
    expect((await shop.client(ops.PromotionByIdDocument, { id }, as(admin))).data?.promotion).toMatchObject({ id, name: percent.name, value: 2500 });
    expect((await shop.client(ops.PromotionByIdDocument, { id: unknownId }, as(admin))).data?.promotion).toBeNull();
    const sale = await shop.client(ops.ProductSalePriceDocument, { id: product.id });
    expect(sale.data?.product).toEqual({ price: { amount: 1500, currency: 'EUR' }, salePrice: { amount: 1125, currency: 'EUR' }, activePromotions: [{ id }] });

    const lines = [{ lineId: 'l1', productId: product.id, unitPrice: { amount: 1500, currency: 'EUR' }, quantity: 2 }];
    const quote = await shop.client(ops.PromotionQuoteDocument, { input: { lines, couponCode: coupon } });
    expect(quote.data?.promotionQuote).toMatchObject({
      lines: [{ lineId: 'l1', subtotal: { amount: 3000 }, discount: { amount: 750 }, promotionIds: [id] }],
      subtotal: { amount: 3000, currency: 'EUR' },
      orderDiscount: { amount: 500 },
      totalDiscount: { amount: 1250 },
      total: { amount: 1750, currency: 'EUR' },
      rejectedCoupon: null,
    });
    const rejected = await shop.client(ops.PromotionQuoteDocument, { input: { lines, couponCode: 'NOPE' } });
    expect(rejected.data?.promotionQuote).toMatchObject({ totalDiscount: { amount: 750 }, rejectedCoupon: { code: 'NOPE', reason: 'UNKNOWN' } });

    expect((await shop.client(ops.DeactivatePromotionDocument, { id }, as(admin))).data?.deactivatePromotion).toEqual({
      promotion: { id, active: false },
      errors: [],
    });
    const after = await until(
      () => shop.client(ops.ProductSalePriceDocument, { id: product.id }),
      (r) => r.data?.product?.salePrice === null,
    );
    expect(after.data?.product).toMatchObject({ salePrice: null, activePromotions: [] });
    const active = await shop.client(ops.PromotionListDocument, { activeOnly: true, first: 100 }, as(admin));
    expect(active.data?.promotions.edges.map((e) => e.node.id)).not.toContain(id);
    const everything = await shop.client(ops.PromotionListDocument, { first: 1 }, as(admin));
    expect(everything.data?.promotions).toMatchObject({ pageInfo: { hasNextPage: true }, edges: [{ node: { name: 'Five off', active: true } }] });
  });

  it('lists, updates, deletes and quotes tax rates', async () => {
    const create = async (input: ops.TaxRateInput) => (await shop.client(ops.CreateTaxRateFullDocument, { input }, as(admin))).data!.createTaxRate;
    const general = (await create({ country: 'AT', rateBasisPoints: 2000, name: 'AT standard' })).taxRate!;
    const books = (await create({ country: 'AT', category: 'books', rateBasisPoints: 1000, name: 'AT books' })).taxRate!;
    expect(await create({ country: 'AT', rateBasisPoints: 1900, name: 'Twice' })).toMatchObject({ taxRate: null, errors: [{ code: 'DUPLICATE_RATE' }] });
    expect(await create({ country: 'XX', rateBasisPoints: 1900, name: 'Nowhere' })).toMatchObject({
      taxRate: null,
      errors: [{ code: 'INVALID_COUNTRY', field: 'country' }],
    });

    const first = await shop.client(ops.TaxRateListDocument, { country: 'AT', first: 1 });
    expect(first.data?.taxRates).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const next = await shop.client(ops.TaxRateListDocument, { country: 'AT', first: 1, after: first.data!.taxRates.pageInfo.endCursor });
    expect([first, next].map((r) => r.data!.taxRates.edges[0]!.node.id).sort()).toEqual([general.id, books.id].sort());

    const updated = await shop.client(
      ops.UpdateTaxRateDocument,
      { id: general.id, input: { country: 'AT', rateBasisPoints: 2100, name: 'AT raised' } },
      as(admin),
    );
    expect(updated.data?.updateTaxRate).toEqual({ taxRate: { ...general, rateBasisPoints: 2100, percentage: '21.00', name: 'AT raised' }, errors: [] });
    const quote = await shop.client(ops.TaxQuoteDocument, {
      input: {
        country: 'AT',
        currency: 'EUR',
        lines: [
          { lineId: 'a', amount: 1000, quantity: 2 },
          { lineId: 'b', categoryId: 'books', amount: 500, quantity: 1 },
        ],
      },
    });
    expect(quote.data?.taxQuote).toEqual({
      lines: [
        { lineId: 'a', rateBasisPoints: 2100, percentage: '21.00', rateName: 'AT raised', taxAmount: { amount: 210, currency: 'EUR' } },
        { lineId: 'b', rateBasisPoints: 1000, percentage: '10.00', rateName: 'AT books', taxAmount: { amount: 50, currency: 'EUR' } },
      ],
      total: { amount: 260, currency: 'EUR' },
    });

    expect((await shop.client(ops.DeleteTaxRateDocument, { id: books.id }, as(admin))).data?.deleteTaxRate).toEqual({ taxRate: { id: books.id }, errors: [] });
    expect((await shop.client(ops.DeleteTaxRateDocument, { id: books.id }, as(admin))).data?.deleteTaxRate).toEqual({
      taxRate: null,
      errors: [{ code: 'NOT_FOUND', field: 'id' }],
    });
    expect((await shop.client(ops.TaxRateListDocument, { country: 'AT' })).data?.taxRates.totalCount).toBe(1);
    expect(codes(await shop.client(ops.DeleteTaxRateDocument, { id: general.id }, as(ada)))).toEqual(['FORBIDDEN']);
  });

  it('manages addresses and user roles', async () => {
    const address = (name: string, country = 'DE') => ({ label: name, name, line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country });
    const add = async (name: string, makeDefault?: boolean) =>
      (await shop.client(ops.AddAddressDocument, { input: address(name), ...(makeDefault === undefined ? {} : { makeDefault }) }, as(ada))).data!.addAddress;
    const home = (await add('Home')).address!;
    expect(home).toMatchObject({ name: 'Home', country: 'DE', isDefault: true });
    const work = (await add('Work', false)).address!;
    expect(work.isDefault).toBe(false);
    expect((await shop.client(ops.AddAddressDocument, { input: address('Nowhere', 'Germany') }, as(ada))).data?.addAddress).toMatchObject({
      address: null,
      errors: [{ code: 'INVALID_COUNTRY', field: expect.stringContaining('country') }],
    });

    expect((await shop.client(ops.SetDefaultAddressDocument, { id: work.id }, as(ada))).data?.setDefaultAddress).toEqual({
      address: { id: work.id, isDefault: true },
      errors: [],
    });
    const renamed = await shop.client(ops.UpdateAddressDocument, { id: work.id, input: { ...address('Office'), city: 'Hamburg' } }, as(ada));
    expect(renamed.data?.updateAddress).toMatchObject({ address: { id: work.id, name: 'Office', city: 'Hamburg', isDefault: true }, errors: [] });
    expect((await shop.client(ops.UpdateAddressDocument, { id: work.id, input: address('Theft') }, as(grace))).data?.updateAddress).toMatchObject({
      address: null,
      errors: [{ code: 'NOT_FOUND' }],
    });
    expect((await shop.client(ops.DeleteAddressDocument, { id: home.id }, as(ada))).data?.deleteAddress).toEqual({ address: { id: home.id }, errors: [] });
    const mine = await shop.client(ops.MyAddressesDocument, {}, as(ada));
    expect(mine.data?.me).toMatchObject({ addresses: [{ id: work.id, name: 'Office', isDefault: true }], defaultAddress: { id: work.id } });

    expect(codes(await shop.client(ops.SetUserRolesDocument, { userId: grace.userId, roles: ['ADMIN'] }, as(ada)))).toEqual(['FORBIDDEN']);
    const promoted = await shop.client(ops.SetUserRolesDocument, { userId: grace.userId, roles: ['ADMIN'] }, as(admin));
    expect(promoted.data?.setUserRoles.id).toBe(grace.userId);
    expect([...promoted.data!.setUserRoles.roles].sort()).toEqual(['ADMIN', 'CUSTOMER']);
    const demoted = await shop.client(ops.SetUserRolesDocument, { userId: grace.userId, roles: [] }, as(admin));
    expect(demoted.data?.setUserRoles).toEqual({ id: grace.userId, roles: ['CUSTOMER'] });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCreated, productDeleted, productUpdated } from '@shop/events';
import { countQueries, sqlBackends, type Caller } from '@shop/testkit';
import { admin, anonymous, codes, customer, eventually, productsTestShop, type ProductsTestShop } from './helpers';
import {
  CountedPageDocument,
  CreateCategoryDocument,
  CreateProductDocument,
  DeleteProductDocument,
  ProductBySlugDocument,
  ProductCountDocument,
  ProductEntitiesDocument,
  ProductIdOfDocument,
  ProductIdsDocument,
  ProductIdsUncountedDocument,
  ProductPricesDocument,
  ProductSummaryDocument,
  PublishProductCodesDocument,
  PublishProductDocument,
  UncountedPageDocument,
  UnpublishProductDocument,
  UpdateCategoryDocument,
  UpdateProductDocument,
  type UpdateProductInput,
} from './__generated__/graphql';

describe.each(sqlBackends)('products on %s', (backend) => {
  let shop: ProductsTestShop;
  let categoryId: string;

  beforeAll(async () => {
    shop = await productsTestShop(backend, 'products-test');
    categoryId = (await shop.client.createCategory({ name: 'Tees' }))!.id;
  });
  afterAll(() => shop?.stop());

  const eventsOf = (productId: string) => shop.events.filter((event) => event.aggregateId === productId);
  const byId = (id: string, caller = customer) => shop.harness.call(ProductSummaryDocument, { id }, caller);

  it('createProduct stores every field and records product.created with the snapshot', async () => {
    const input = shop.client.productInput(categoryId, {
      description: 'Organic cotton.',
      price: { amount: 2599, currency: 'GBP' },
      images: [{ url: 'https://cdn.example.com/tee.jpg', alt: 'Front' }, { url: 'https://cdn.example.com/back.jpg' }],
      attributes: [{ name: 'colour', value: 'red' }],
      published: true,
    });
    const result = await shop.client.createProductRaw(input);
    const product = result.data!.createProduct.product!;
    expect(result.data!.createProduct.errors).toEqual([]);
    expect(product).toEqual({
      id: expect.any(String),
      sku: input.sku,
      slug: input.slug,
      name: input.name,
      description: 'Organic cotton.',
      price: { amount: 2599, currency: 'GBP' },
      category: { id: categoryId, slug: expect.any(String) },
      images: [
        { url: 'https://cdn.example.com/tee.jpg', alt: 'Front' },
        { url: 'https://cdn.example.com/back.jpg', alt: '' },
      ],
      attributes: [{ name: 'colour', value: 'red' }],
      published: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: product.createdAt,
      version: 1,
    });
    const [event] = await eventually(() => eventsOf(product.id).length === 1 && eventsOf(product.id));
    expect(productCreated.parse(event).data).toEqual({
      productId: product.id,
      sku: input.sku,
      name: input.name,
      categoryId,
      price: { amount: 2599, currency: 'GBP' },
      published: true,
      // The default variant carries the product's id, sku and price.
      variants: [
        {
          variantId: product.id,
          sku: input.sku,
          price: { amount: 2599, currency: 'GBP' },
          compareAtPrice: null,
          published: true,
          position: 0,
          weightGrams: null,
          optionValues: [],
        },
      ],
    });
  });

  it('reports broken rules as typed errors and records no event for them', async () => {
    const bad = async (overrides: Parameters<typeof shop.client.productInput>[1]) =>
      (await shop.client.createProductRaw(shop.client.productInput(categoryId, overrides))).data!.createProduct;
    expect(await bad({ price: { amount: -1, currency: 'EUR' } })).toEqual({
      product: null,
      errors: [{ code: 'INVALID_PRICE', field: 'price', message: expect.stringContaining('price.amount') }],
    });
    expect((await bad({ price: { amount: 100, currency: 'euro' } })).errors.map((e) => e.code)).toEqual(['INVALID_PRICE']);
    expect(await bad({ categoryId: randomUUID() })).toEqual({
      product: null,
      errors: [{ code: 'UNKNOWN_CATEGORY', field: 'categoryId', message: 'No category has this id' }],
    });
    expect((await bad({ categoryId: 'nope' })).errors.map((e) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
    expect((await bad({ slug: 'Not A Slug', name: ' ', images: [{ url: 'not a url' }] })).errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_SLUG', 'slug'],
      ['INVALID_FIELD', 'name'],
      ['INVALID_FIELD', 'images'],
    ]);
    const taken = await shop.client.createProduct(categoryId);
    expect((await bad({ sku: taken.sku })).errors).toEqual([{ code: 'SKU_TAKEN', field: 'sku', message: `Another product already has sku "${taken.sku}"` }]);
    expect((await bad({ slug: taken.slug })).errors.map((e) => e.code)).toEqual(['SLUG_TAKEN']);
    // Money is never a float: GraphQL's Int refuses 12.5 before any resolver runs.
    const fractional = await shop.client.createProductRaw(shop.client.productInput(categoryId, { price: { amount: 12.5, currency: 'EUR' } }));
    expect(codes(fractional)).toEqual(['BAD_USER_INPUT']);
    await eventually(() => eventsOf(taken.id).length === 1);
    expect(shop.events.filter((e) => (e.data as { sku?: string }).sku === taken.sku)).toHaveLength(1);
  });

  it('only admins write: customers are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    const product = await shop.client.createProduct(categoryId);
    const input = shop.client.productInput(categoryId);
    const mutations: Array<(caller: Caller) => Promise<Parameters<typeof codes>[0]>> = [
      (caller) => shop.harness.call(CreateProductDocument, { input }, caller),
      (caller) => shop.harness.call(UpdateProductDocument, { id: product.id, input: { name: 'X' } }, caller),
      (caller) => shop.harness.call(PublishProductDocument, { id: product.id }, caller),
      (caller) => shop.harness.call(UnpublishProductDocument, { id: product.id }, caller),
      (caller) => shop.harness.call(DeleteProductDocument, { id: product.id }, caller),
      (caller) => shop.harness.call(CreateCategoryDocument, { input: { slug: 'nope', name: 'Nope' } }, caller),
      (caller) => shop.harness.call(UpdateCategoryDocument, { id: categoryId, input: { name: 'X' } }, caller),
    ];
    for (const mutation of mutations) {
      expect(codes(await mutation(customer))).toEqual(['FORBIDDEN']);
      expect(codes(await mutation(anonymous))).toEqual(['UNAUTHENTICATED']);
    }
    expect((await byId(product.id, admin)).data).toEqual({ product: { id: product.id, name: expect.stringMatching(/^Product /), published: false } });
  });

  it('hides unpublished products from customers and anonymous callers everywhere; admins see them', async () => {
    const hidden = await shop.client.createProduct(categoryId);
    const shown = await shop.client.createProduct(categoryId, { published: true });
    for (const caller of [customer, anonymous]) {
      expect((await byId(hidden.id, caller)).data).toEqual({ product: null });
      expect((await shop.harness.call(ProductIdOfDocument, { slug: hidden.slug }, caller)).data).toEqual({ product: null });
      const list = await shop.harness.call(ProductIdsDocument, { filter: { ids: [hidden.id, shown.id] } }, caller);
      expect(list.data).toEqual({ products: { edges: [{ node: { id: shown.id } }], totalCount: 1 } });
      const entities = await shop.harness.call(
        ProductEntitiesDocument,
        { representations: [hidden, shown].map(({ id }) => ({ __typename: 'Product', id })) },
        caller,
      );
      expect(entities.data).toEqual({ _entities: [null, { id: shown.id }] });
    }
    expect((await byId(hidden.id, admin)).data!.product!.id).toBe(hidden.id);
    const unpublished = await shop.harness.call(ProductIdsUncountedDocument, { filter: { ids: [hidden.id, shown.id], published: false } }, admin);
    expect(unpublished.data).toEqual({ products: { edges: [{ node: { id: hidden.id } }] } });
    const peek = await shop.harness.call(ProductCountDocument, { filter: { published: false } }, customer);
    expect(codes(peek)).toEqual(['FORBIDDEN']);
  });

  it('publish and unpublish are versioned updates with product.updated; repeating one changes nothing', async () => {
    const product = await shop.client.createProduct(categoryId);
    const publish = () => shop.harness.call(PublishProductDocument, { id: product.id }, admin);
    const unpublish = () => shop.harness.call(UnpublishProductDocument, { id: product.id }, admin);
    expect((await publish()).data).toEqual({ publishProduct: { product: { published: true, version: 2 }, errors: [] } });
    expect((await publish()).data).toEqual({ publishProduct: { product: { published: true, version: 2 }, errors: [] } });
    expect((await byId(product.id)).data!.product!.published).toBe(true);
    expect((await unpublish()).data).toEqual({ unpublishProduct: { product: { published: false, version: 3 }, errors: [] } });
    const received = await eventually(() => eventsOf(product.id).length === 3 && eventsOf(product.id));
    expect(received.map((e) => [e.type, (e.data as { published: boolean }).published])).toEqual([
      ['product.created', false],
      ['product.updated', true],
      ['product.updated', false],
    ]);
    const missing = await shop.harness.call(PublishProductCodesDocument, { id: randomUUID() }, admin);
    expect(missing.data).toEqual({ publishProduct: { product: null, errors: [{ code: 'NOT_FOUND' }] } });
  });

  it('updateProduct applies the patch with optimistic concurrency', async () => {
    const product = await shop.client.createProduct(categoryId);
    const other = (await shop.client.createCategory({ name: 'Other' }))!.id;
    const update = (input: UpdateProductInput, expectedVersion?: number, id = product.id) =>
      shop.harness.call(UpdateProductDocument, { id, input, expectedVersion }, admin);
    const first = await update({ name: 'Renamed', price: { amount: 999, currency: 'EUR' }, categoryId: other }, 1);
    expect(first.data).toEqual({
      updateProduct: { product: { name: 'Renamed', price: { amount: 999, currency: 'EUR' }, category: { id: other }, version: 2 }, errors: [] },
    });
    const stale = await update({ name: 'Stale' }, 1);
    expect(stale.data).toEqual({
      updateProduct: {
        product: null,
        errors: [{ code: 'VERSION_CONFLICT', field: 'expectedVersion', message: 'The product is at version 2, not 1; reload it and retry' }],
      },
    });
    expect((await update({ categoryId: randomUUID() })).data!.updateProduct.errors.map((e) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
    expect((await update({ price: { amount: -5, currency: 'EUR' } })).data!.updateProduct.errors.map((e) => e.code)).toEqual(['INVALID_PRICE']);
    expect((await update({ name: 'Ghost' }, undefined, randomUUID())).data!.updateProduct.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(codes(await update({ name: 'Bad id' }, undefined, 'not-a-uuid'))).toEqual(['BAD_USER_INPUT']);
    const received = await eventually(() => eventsOf(product.id).length === 2 && eventsOf(product.id));
    expect(productUpdated.parse(received[1]).data).toMatchObject({ name: 'Renamed', price: { amount: 999, currency: 'EUR' }, categoryId: other });
  });

  it('deleteProduct removes the product and records product.deleted', async () => {
    const product = await shop.client.createProduct(categoryId, { published: true });
    const remove = () => shop.harness.call(DeleteProductDocument, { id: product.id }, admin);
    expect((await remove()).data).toEqual({ deleteProduct: { deletedProductId: product.id, errors: [] } });
    expect((await byId(product.id, admin)).data).toEqual({ product: null });
    expect((await remove()).data).toEqual({
      deleteProduct: { deletedProductId: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No product has this id' }] },
    });
    const received = await eventually(() => eventsOf(product.id).length === 2 && eventsOf(product.id));
    expect(productDeleted.parse(received[1]).data).toEqual({ productId: product.id });
  });

  it('product(id, slug) takes exactly one of them', async () => {
    const product = await shop.client.createProduct(categoryId, { published: true });
    expect((await shop.harness.call(ProductBySlugDocument, { slug: product.slug })).data!.product!.id).toBe(product.id);
    expect(codes(await shop.harness.call(ProductIdOfDocument, {}))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await shop.harness.call(ProductIdOfDocument, { id: product.id, slug: product.slug }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await shop.harness.call(ProductIdOfDocument, { id: '1 or 1=1' }))).toEqual(['BAD_USER_INPUT']);
    expect((await shop.harness.call(ProductIdOfDocument, { slug: 'no-such-product' })).data).toEqual({ product: null });
  });

  it('counts the matches only when the operation selects totalCount', async () => {
    const categoryId = (await shop.client.createCategory({ name: 'Counted' }))!.id;
    for (let i = 0; i < 3; i++) await shop.client.createProduct(categoryId, { published: true });
    const variables = { first: 2, filter: { categoryId } };
    // The category's subtree, the page and the count; without totalCount, no count.
    const total = await countQueries(shop.harness.platform.database.db, () => shop.harness.call(CountedPageDocument, variables, admin));
    expect(total.queries).toBe(3);
    expect(total.result.data!.products.totalCount).toBe(3);
    const page = await countQueries(shop.harness.platform.database.db, () => shop.harness.call(UncountedPageDocument, variables, admin));
    expect(page.queries).toBe(2);
    expect(page.result.data).toEqual({ products: { edges: total.result.data!.products.edges, pageInfo: { hasNextPage: true } } });
  });

  it('resolves 20 product references in one _entities call with one catalog query', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await shop.client.createProduct(categoryId, { published: i % 5 !== 0 })).id);
    const { result, queries } = await countQueries(shop.harness.platform.database.db, () =>
      shop.harness.call(ProductPricesDocument, { representations: [...ids, randomUUID()].map((id) => ({ __typename: 'Product', id })) }, customer),
    );
    expect(queries).toBe(1);
    expect(result.data!._entities).toEqual([...ids.map((id, i) => (i % 5 !== 0 ? { id, price: { amount: 1299 } } : null)), null]);
  });
});

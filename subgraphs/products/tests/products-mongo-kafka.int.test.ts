import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MongoCatalogStore } from '@shop/catalog';
import { productCreated, productDeleted, productUpdated } from '@shop/events';
import { testServers } from '@shop/testkit';
import { admin, codes, customer, eventually, productsTestShop, type ProductsTestShop } from './helpers';
import {
  AddOptionVersionDocument,
  DeleteProductDocument,
  GenerateVariantSkusDocument,
  ProductCategoriesDocument,
  ProductCountDocument,
  ProductIdOfDocument,
  PublishProductDocument,
  UpdateProductCodesDocument,
  UpdateProductVersionDocument,
  UpdateVariantCodesDocument,
} from './__generated__/graphql';

/** Services mode: the catalog in MongoDB (real FerretDB), events over real Kafka. */
describe('products on MongoDB (FerretDB) + Kafka', () => {
  const mongoDatabase = `products_${randomBytes(6).toString('hex')}`;
  let shop: ProductsTestShop;

  beforeAll(async () => {
    shop = await productsTestShop('postgres', 'products-test-group', {
      config: { catalog: { kind: 'mongo', url: testServers.TEST_MONGO_URL, database: mongoDatabase } },
      transport: 'kafka',
    });
  });

  afterAll(async () => {
    await shop?.stop();
    const mongo = new MongoClient(testServers.TEST_MONGO_URL, { serverSelectionTimeoutMS: 3000 });
    await mongo
      .db(mongoDatabase)
      .dropDatabase()
      .finally(() => mongo.close());
  });

  const eventsOf = (productId: string, count: number) =>
    eventually(() => shop.events.filter((e) => e.aggregateId === productId).length >= count && shop.events.filter((e) => e.aggregateId === productId), 30_000);

  it('create, update, publish and delete reach Kafka in order with the right snapshots', async () => {
    const category = (await shop.client.createCategory({ name: 'Kettles' }))!;
    const input = shop.client.productInput(category.id, { price: { amount: 4999, currency: 'EUR' } });
    const product = await shop.client.createProduct(category.id, input);
    const update = await shop.harness.call(UpdateProductVersionDocument, { id: product.id, input: { name: 'Steel kettle' }, expectedVersion: 1 }, admin);
    expect(update.data).toEqual({ updateProduct: { product: { version: 2 }, errors: [] } });
    await shop.harness.call(PublishProductDocument, { id: product.id }, admin);
    await shop.harness.call(DeleteProductDocument, { id: product.id }, admin);

    const received = await eventsOf(product.id, 4);
    expect(received.map((e) => e.type)).toEqual(['product.created', 'product.updated', 'product.updated', 'product.deleted']);
    const price = { amount: 4999, currency: 'EUR' };
    const variants = [
      { variantId: product.id, sku: input.sku, price, compareAtPrice: null, published: true, position: 0, weightGrams: null, optionValues: [] },
    ];
    const snapshot = { productId: product.id, sku: input.sku, name: input.name, categoryId: category.id, price, published: false, variants };
    expect(productCreated.parse(received[0]).data).toEqual(snapshot);
    expect(productUpdated.parse(received[1]).data).toEqual({ ...snapshot, name: 'Steel kettle' });
    expect(productUpdated.parse(received[2]).data).toEqual({ ...snapshot, name: 'Steel kettle', published: true });
    expect(productDeleted.parse(received[3]).data).toEqual({ productId: product.id });
    expect(new Set(received.map((e) => e.id)).size).toBe(4);
  });

  it('keeps unpublished products from customers and batches 20 references into one catalog read', async () => {
    const category = (await shop.client.createCategory({ name: 'Mugs' }))!;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await shop.client.createProduct(category.id, { published: i !== 3 })).id);
    const spy = vi.spyOn(MongoCatalogStore.prototype, 'getProducts');
    try {
      const reps = [...ids, randomUUID()].map((id) => ({ __typename: 'Product', id }));
      const result = await shop.harness.call(ProductCategoriesDocument, { representations: reps }, customer);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toHaveLength(21);
      expect(result.data!._entities).toEqual([...ids.map((id, i) => (i === 3 ? null : { id, category: { id: category.id } })), null]);
    } finally {
      spy.mockRestore();
    }
    const list = await shop.harness.call(ProductCountDocument, { first: 50, filter: { categoryId: category.id } }, customer);
    expect(list.data).toEqual({ products: { totalCount: 19 } });
    const hidden = await shop.harness.call(ProductIdOfDocument, { id: ids[3] }, customer);
    expect(hidden.data).toEqual({ product: null });
  });

  it('answers bad input and stale versions exactly as on PostgreSQL', async () => {
    const category = (await shop.client.createCategory({ name: 'Pans' }))!;
    const negative = await shop.client.createProductRaw(shop.client.productInput(category.id, { price: { amount: -1, currency: 'EUR' } }));
    expect(negative.data!.createProduct.errors.map((e) => e.code)).toEqual(['INVALID_PRICE']);
    const unknown = await shop.client.createProductRaw(shop.client.productInput(randomUUID()));
    expect(unknown.data!.createProduct.errors.map((e) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
    const product = await shop.client.createProduct(category.id);
    const taken = await shop.client.createProductRaw(shop.client.productInput(category.id, { sku: product.sku }));
    expect(taken.data!.createProduct.errors.map((e) => e.code)).toEqual(['SKU_TAKEN']);
    const stale = await shop.harness.call(UpdateProductCodesDocument, { id: product.id, input: { name: 'Late' }, expectedVersion: 9 }, admin);
    expect(stale.data).toEqual({ updateProduct: { errors: [{ code: 'VERSION_CONFLICT' }] } });
    expect(codes(await shop.harness.call(ProductCountDocument, { first: 10000 }, customer))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await shop.harness.call(ProductCountDocument, { after: 'bogus' }, customer))).toEqual(['BAD_USER_INPUT']);
    const created = await eventsOf(product.id, 1);
    expect(created.map((e) => e.type)).toEqual(['product.created']);
  });
  it('sells variants on MongoDB too: options, generated variants, catalog-wide skus, variants in the Kafka snapshot', async () => {
    const category = (await shop.client.createCategory({ name: 'Tees' }))!;
    const product = await shop.client.createProduct(category.id, { published: true });
    const sku = product.sku.toUpperCase();
    const option = await shop.harness.call(
      AddOptionVersionDocument,
      { productId: product.id, input: { name: 'Size', values: ['S', 'M'] }, expectedVersion: 1 },
      admin,
    );
    expect(option.data).toEqual({ addProductOption: { product: { version: 2 }, errors: [] } });
    const generated = await shop.harness.call(
      GenerateVariantSkusDocument,
      { productId: product.id, input: { skuPrefix: sku, price: { amount: 1500, currency: 'EUR' } } },
      admin,
    );
    expect(generated.data!.generateProductVariants.product!.variants.map((v) => [v.sku, v.optionValues[0]!.value])).toEqual([
      [product.sku, 'S'],
      [`${sku}-M`, 'M'],
    ]);
    const other = await shop.client.createProduct(category.id);
    const taken = await shop.harness.call(UpdateVariantCodesDocument, { id: other.id, input: { sku: `${sku}-M` } }, admin);
    expect(taken.data).toEqual({ updateProductVariant: { variant: null, errors: [{ code: 'DUPLICATE_SKU' }] } });
    const received = await eventsOf(product.id, 3);
    expect(productUpdated.parse(received[2]).data.variants!.map((v) => [v.sku, v.optionValues])).toEqual([
      [product.sku, [{ option: 'Size', value: 'S' }]],
      [`${sku}-M`, [{ option: 'Size', value: 'M' }]],
    ]);
  });
});

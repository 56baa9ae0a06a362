import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInternalTokenMinter, createInternalTokenVerifier, generateInternalKeyPair } from '@shop/auth';
import { MemoryCache, MemoryPubSub } from '@shop/cache';
import { MongoCatalogStore } from '@shop/catalog';
import { openDatabase, runMigrations, type DatabaseHandle } from '@shop/db';
import { KafkaTransport, productCreated, productDeleted, productUpdated, type EventEnvelope } from '@shop/events';
import { createLogger, startSubgraph, type RunningSubgraph } from '@shop/subgraph-kit';
import { createTestDatabase, fastKafkaConsumer, testKafkaBrokers, testServers, uniqueKafkaName, type Caller, type TestDatabase } from '@shop/testkit';
import { productsModule } from '../src';
import { admin, catalogClient, codes, collectProductEvents, customer, eventually, type Data } from './helpers';

/** Services mode: the catalog in MongoDB (real FerretDB), events over real Kafka. */
describe('products on MongoDB (FerretDB) + Kafka', () => {
  const logger = createLogger('products-test', 'silent');
  const mongoDatabase = `products_${randomBytes(6).toString('hex')}`;
  let testDb: TestDatabase;
  let database: DatabaseHandle;
  let transport: KafkaTransport;
  let subgraph: RunningSubgraph;
  let stopModule: () => Promise<void>;
  let client: ReturnType<typeof catalogClient>;
  let events: EventEnvelope[];

  beforeAll(async () => {
    testDb = await createTestDatabase('products');
    database = await openDatabase({ driver: 'postgres', url: testDb.url });
    await runMigrations(database, productsModule.migrations);
    transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('products-test'), consumer: fastKafkaConsumer });
    const keys = await generateInternalKeyPair();
    const minter = createInternalTokenMinter({ privateKey: keys.privateKey });
    const { stop, ...parts } = await productsModule.create(
      { catalog: { kind: 'mongo', url: testServers.TEST_MONGO_URL, database: mongoDatabase } },
      { database, transport, logger, cache: new MemoryCache({ keyPrefix: 'products' }), pubsub: new MemoryPubSub({ keyPrefix: 'products' }) },
    );
    stopModule = async () => stop?.();
    subgraph = await startSubgraph({
      ...parts,
      name: 'products',
      typeDefs: productsModule.typeDefs,
      port: 0,
      logger,
      internalTokens: createInternalTokenVerifier({ publicKey: keys.publicKey, audience: 'products' }),
    });
    client = catalogClient(async (query, variables = {}, caller: Caller = {}) => {
      const token = await minter.mint({ audience: 'products', userId: caller.userId ?? null, roles: caller.roles ?? [] });
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-token': token },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Data };
    });
    events = await collectProductEvents(transport, uniqueKafkaName('products-test-group'));
  });

  afterAll(async () => {
    await subgraph?.stop();
    await stopModule?.();
    await transport?.close();
    await database?.close();
    await testDb?.drop();
    const mongo = new MongoClient(testServers.TEST_MONGO_URL, { serverSelectionTimeoutMS: 3000 });
    await mongo.db(mongoDatabase).dropDatabase().finally(() => mongo.close());
  });

  const eventsOf = (productId: string, count: number) => eventually(() => events.filter((e) => e.aggregateId === productId).length >= count && events.filter((e) => e.aggregateId === productId), 30_000);

  it('create, update, publish and delete reach Kafka in order with the right snapshots', async () => {
    const category = (await client.createCategory({ name: 'Kettles' }))!;
    const input = client.productInput(category.id, { price: { amount: 4999, currency: 'EUR' } });
    const product = await client.createProduct(category.id, input);
    const update = await client.call('mutation($id: ID!) { updateProduct(id: $id, input: { name: "Steel kettle" }, expectedVersion: 1) { product { version } errors { code } } }', { id: product.id }, admin);
    expect(update.data).toEqual({ updateProduct: { product: { version: 2 }, errors: [] } });
    await client.call('mutation($id: ID!) { publishProduct(id: $id) { errors { code } } }', { id: product.id }, admin);
    await client.call('mutation($id: ID!) { deleteProduct(id: $id) { errors { code } } }', { id: product.id }, admin);

    const received = await eventsOf(product.id, 4);
    expect(received.map((e) => e.type)).toEqual(['product.created', 'product.updated', 'product.updated', 'product.deleted']);
    const price = { amount: 4999, currency: 'EUR' };
    const variants = [{ variantId: product.id, sku: input.sku, price, compareAtPrice: null, published: true, position: 0, weightGrams: null, optionValues: [] }];
    const snapshot = { productId: product.id, sku: input.sku, name: input.name, categoryId: category.id, price, published: false, variants };
    expect(productCreated.parse(received[0]).data).toEqual(snapshot);
    expect(productUpdated.parse(received[1]).data).toEqual({ ...snapshot, name: 'Steel kettle' });
    expect(productUpdated.parse(received[2]).data).toEqual({ ...snapshot, name: 'Steel kettle', published: true });
    expect(productDeleted.parse(received[3]).data).toEqual({ productId: product.id });
    expect(new Set(received.map((e) => e.id)).size).toBe(4);
  });

  it('keeps unpublished products from customers and batches 20 references into one catalog read', async () => {
    const category = (await client.createCategory({ name: 'Mugs' }))!;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await client.createProduct(category.id, { published: i !== 3 })).id);
    const spy = vi.spyOn(MongoCatalogStore.prototype, 'getProducts');
    try {
      const reps = [...ids, randomUUID()].map((id) => ({ __typename: 'Product', id }));
      const result = await client.call('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { id category { id } } } }', { reps }, customer);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toHaveLength(21);
      expect(result.data!._entities).toEqual([...ids.map((id, i) => (i === 3 ? null : { id, category: { id: category.id } })), null]);
    } finally {
      spy.mockRestore();
    }
    const list = await client.call('query($id: ID) { products(first: 50, filter: { categoryId: $id }) { totalCount } }', { id: category.id }, customer);
    expect(list.data).toEqual({ products: { totalCount: 19 } });
    const hidden = await client.call('query($id: ID) { product(id: $id) { id } }', { id: ids[3] }, customer);
    expect(hidden.data).toEqual({ product: null });
  });

  it('answers bad input and stale versions exactly as on PostgreSQL', async () => {
    const category = (await client.createCategory({ name: 'Pans' }))!;
    const negative = await client.createProductRaw(client.productInput(category.id, { price: { amount: -1, currency: 'EUR' } }));
    expect(negative.data!.createProduct.errors.map((e: Data) => e.code)).toEqual(['INVALID_PRICE']);
    const unknown = await client.createProductRaw(client.productInput(randomUUID()));
    expect(unknown.data!.createProduct.errors.map((e: Data) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
    const product = await client.createProduct(category.id);
    const taken = await client.createProductRaw(client.productInput(category.id, { sku: product.sku }));
    expect(taken.data!.createProduct.errors.map((e: Data) => e.code)).toEqual(['SKU_TAKEN']);
    const stale = await client.call('mutation($id: ID!) { updateProduct(id: $id, input: { name: "Late" }, expectedVersion: 9) { errors { code } } }', { id: product.id }, admin);
    expect(stale.data).toEqual({ updateProduct: { errors: [{ code: 'VERSION_CONFLICT' }] } });
    expect(codes(await client.call('query { products(first: 10000) { totalCount } }', {}, customer))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await client.call('query { products(after: "bogus") { totalCount } }', {}, customer))).toEqual(['BAD_USER_INPUT']);
    const created = await eventsOf(product.id, 1);
    expect(created.map((e) => e.type)).toEqual(['product.created']);
  });
  it('sells variants on MongoDB too: options, generated variants, catalog-wide skus, variants in the Kafka snapshot', async () => {
    const category = (await client.createCategory({ name: 'Tees' }))!;
    const product = await client.createProduct(category.id, { published: true });
    const sku = product.sku.toUpperCase();
    const option = await client.call('mutation($id: ID!) { addProductOption(productId: $id, input: { name: "Size", values: ["S", "M"] }, expectedVersion: 1) { product { version } errors { code } } }', { id: product.id }, admin);
    expect(option.data).toEqual({ addProductOption: { product: { version: 2 }, errors: [] } });
    const generated = await client.call(
      'mutation($id: ID!, $prefix: String!) { generateProductVariants(productId: $id, input: { skuPrefix: $prefix, price: { amount: 1500, currency: "EUR" } }) { product { version variants { id sku optionValues { value } } } errors { code } } }',
      { id: product.id, prefix: sku },
      admin,
    );
    expect(generated.data!.generateProductVariants.product.variants.map((v: Data) => [v.sku, v.optionValues[0].value])).toEqual([[product.sku, 'S'], [`${sku}-M`, 'M']]);
    const other = await client.createProduct(category.id);
    const taken = await client.call('mutation($id: ID!, $sku: String!) { updateProductVariant(id: $id, input: { sku: $sku }) { variant { id } errors { code } } }', { id: other.id, sku: `${sku}-M` }, admin);
    expect(taken.data).toEqual({ updateProductVariant: { variant: null, errors: [{ code: 'DUPLICATE_SKU' }] } });
    const received = await eventsOf(product.id, 3);
    expect(productUpdated.parse(received[2]).data.variants!.map((v) => [v.sku, v.optionValues])).toEqual([[product.sku, [{ option: 'Size', value: 'S' }]], [`${sku}-M`, [{ option: 'Size', value: 'M' }]]]);
  });
});

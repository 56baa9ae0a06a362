import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingsTopic, reviewAdded, type ProductSnapshot } from '@shop/events';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inbox } from '../src/db/schema';
import { SearchDocument, type SearchFilter } from './__generated__/graphql';
import { countedSearchModule, created, deleted, feed, rating, stock, uniqueCurrency, updated, type SqlCounter } from './helpers';

const t = (minute: number) => new Date(Date.parse('2026-02-01T00:00:00.000Z') + minute * 60_000);

describe.each(sqlBackends)('index events and the result cache on %s', (backend) => {
  let search: SubgraphHarness;
  const sqlCount: SqlCounter = { count: 0 };

  beforeAll(async () => {
    search = await startSubgraphHarness({ module: countedSearchModule(sqlCount), config: { cacheTtlSeconds: 60 }, backend });
  });
  afterAll(() => search?.stop());

  const newProduct = (overrides: Partial<ProductSnapshot> = {}): ProductSnapshot => ({
    productId: `p${randomBytes(5).toString('hex')}`,
    sku: 'PK-1',
    name: 'Parka',
    categoryId: 'outerwear',
    price: { amount: 19_900, currency: uniqueCurrency() },
    published: true,
    ...overrides,
  });
  const find = async (currency: string, filter: Partial<SearchFilter> = {}, text = '') => {
    const result = await search.call(SearchDocument, { text, filter: { currency, ...filter } });
    expect(result.errors).toBeUndefined();
    return result.data!.search;
  };
  const idsIn = async (currency: string, filter: Partial<SearchFilter> = {}, text = '') => (await find(currency, filter, text)).edges.map((e) => e.node.id);
  /** SQL statements a call runs. */
  const statements = async <T>(work: () => Promise<T>) => {
    const before = sqlCount.count;
    await work();
    return sqlCount.count - before;
  };

  it('answers a repeated search from the cache with no SQL, and runs it again after an index change', async () => {
    const events = feed(search);
    const product = await events.publish(created(newProduct(), t(0))).then((e) => e.data);
    const currency = product.price.currency;
    expect(await statements(() => find(currency, {}, 'parka'))).toBe(1);
    expect(await statements(() => find(currency, {}, 'parka'))).toBe(0);
    expect(await statements(() => find(currency, { inStock: true }, 'parka'))).toBe(1);

    await events.publish(stock(product.productId, 4, t(1)));
    expect(await statements(async () => expect((await find(currency, { inStock: true }, 'parka')).totalCount).toBe(1))).toBe(1);
    await events.publish(updated({ ...product, name: 'Winter Parka', price: { amount: 24_900, currency } }, t(2)));
    const fresh = await find(currency, {}, 'parka');
    expect(fresh.facets.priceBuckets.find((b) => b.count === 1)).toEqual({ min: 10_000, max: 25_000, count: 1 });
    expect(await idsIn(currency, {}, 'winter')).toEqual([product.productId]);
  });

  it('applies an event delivered twice once, and the redelivery does not invalidate the cache', async () => {
    const events = feed(search);
    const product = newProduct();
    const currency = product.price.currency;
    await events.publish(created(product, t(0)));
    const first = rating(product.productId, 4.5, 2, t(1));
    await events.publish(first);
    await events.publish(rating(product.productId, 3.5, 4, t(2)));
    expect(await idsIn(currency, { minRating: 3.5 })).toEqual([product.productId]);
    const generation = await events.generation();

    await search.platform.transport.publish([{ topic: ratingsTopic, key: product.productId, envelope: first }]);
    // The topic keeps order: once an event search ignores is consumed, the redelivery before it is done too.
    const review = reviewAdded.create(product.productId, { reviewId: randomUUID(), productId: product.productId, userId: randomUUID(), rating: 1 });
    await events.publish(review, { changes: false });
    expect(await events.generation()).toBe(generation);
    expect(await statements(async () => expect(await idsIn(currency, { minRating: 3.5 })).toEqual([product.productId]))).toBe(0);
    expect(await idsIn(currency, { minRating: 4 })).toEqual([]);
    const rows = await search.platform.database.db.select().from(inbox).where(eq(inbox.eventId, first.id));
    expect(rows).toHaveLength(1);
  });

  it('keeps stock that arrives before the product, but shows nothing until the product exists', async () => {
    const events = feed(search);
    const product = newProduct();
    const currency = product.price.currency;
    await events.publish(stock(product.productId, 7, t(5)));
    await events.publish(rating(product.productId, 4, 1, t(5)));
    expect(await find(currency)).toMatchObject({ edges: [], totalCount: 0, facets: { inStock: 0 } });

    await events.publish(created(product, t(0)));
    const found = await find(currency, { inStock: true, minRating: 4 });
    expect(found.edges.map((e) => e.node.id)).toEqual([product.productId]);
    expect(found.facets.inStock).toBe(1);
  });

  it('ignores an older event that arrives after a newer one', async () => {
    const events = feed(search);
    const product = newProduct();
    const currency = product.price.currency;
    await events.publish(created(product, t(0)));
    await events.publish(stock(product.productId, 0, t(10)));
    await events.publish(stock(product.productId, 9, t(5)));
    await events.publish(updated({ ...product, name: 'Anorak' }, t(10)));
    await events.publish(updated({ ...product, name: 'Poncho' }, t(5)));
    expect(await idsIn(currency, { inStock: false }, 'anorak')).toEqual([product.productId]);
    expect(await idsIn(currency, {}, 'poncho')).toEqual([]);
  });

  it('removes unpublished and deleted products from the results, and a late update does not revive them', async () => {
    const events = feed(search);
    const hidden = newProduct();
    const currency = hidden.price.currency;
    const gone = newProduct({ price: { amount: 500, currency } });
    await events.publish(created(hidden, t(0)));
    await events.publish(created(gone, t(0)));
    expect((await find(currency)).totalCount).toBe(2);

    await events.publish(updated({ ...hidden, published: false }, t(1)));
    await events.publish(deleted(gone.productId, t(2)));
    expect(await find(currency)).toMatchObject({ edges: [], totalCount: 0 });

    await events.publish(updated(gone, t(1)));
    expect(await find(currency, {}, 'parka')).toMatchObject({ edges: [], totalCount: 0 });
    await events.publish(updated({ ...hidden, published: true }, t(3)));
    expect(await idsIn(currency)).toEqual([hidden.productId]);
  });
});

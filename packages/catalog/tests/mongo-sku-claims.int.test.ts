import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { testServers } from '@shop/testkit';
import { CatalogConflictError, createCatalogStore } from '../src';
import { STALE_CLAIM_MS } from '../src/mongo-sku-claims';
import { productInput, unique } from './catalog-test-support';

/**
 * The MongoDB adapter's sku claims (FerretDB has no unique index on array elements): a claim a
 * crashed writer left behind blocks its sku only until it is stale, and only while its product
 * does not hold the sku.
 */
describe('variant sku claims on ferretdb', () => {
  const url = testServers.TEST_MONGO_URL;
  const database = `sku_claims_${randomBytes(6).toString('hex')}`;
  let clock = Date.parse('2030-01-01T00:00:00.000Z');
  const store = createCatalogStore({ kind: 'mongo', url, database, serverSelectionTimeoutMS: 3000, now: () => new Date(clock) });
  const admin = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
  afterAll(async () => {
    await store.close();
    await admin.db(database).dropDatabase();
    await admin.close();
  });

  it('takes over a stale claim whose product does not hold the sku, never a fresh one or a held one', async () => {
    await store.ensureSchema();
    const claims = admin.db(database).collection<{ _id: string; productId: string; claimedAt: Date }>('variant_skus');
    const categoryId = randomUUID();
    const orphan = unique('ORPHAN');
    // What a writer that crashed between claiming and writing its document leaves.
    await claims.insertOne({ _id: orphan, productId: randomUUID(), claimedAt: new Date(clock) });
    await expect(store.createProduct(productInput(categoryId, { sku: orphan }))).rejects.toBeInstanceOf(CatalogConflictError);
    clock += STALE_CLAIM_MS;
    const product = await store.createProduct(productInput(categoryId, { sku: orphan }));
    expect(await claims.findOne({ _id: orphan })).toEqual({ _id: orphan, productId: product.id, claimedAt: new Date(clock) });

    clock += 10 * STALE_CLAIM_MS;
    await expect(store.createProduct(productInput(categoryId, { sku: orphan }))).rejects.toMatchObject({ field: 'sku', value: orphan });
    expect(await store.getProductBySlug(product.slug)).toEqual(product);
  });
});

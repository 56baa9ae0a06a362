import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogConflictError, createCatalogStore, type CatalogStore, type Product } from '@shop/catalog';
import { runMigrations } from '@shop/db';
import { type MigrationTestDatabase, openMigrationTestDatabase, sqlBackends, testServers } from '@shop/testkit';

/**
 * Nothing is lost moving to variants: a catalog written by the schema before variants (migration
 * 0000 on PostgreSQL, documents without `variants` in MongoDB) is migrated, and every product then
 * has exactly one default variant with its id, sku and price, published; every other field as it was.
 */
const migrationsFolder = fileURLToPath(new URL('../src/db/migrations', import.meta.url));
const PRODUCTS = 60;

interface OldProduct {
  id: string;
  sku: string;
  slug: string;
  name: string;
  categoryId: string;
  price: { amount: number; currency: string };
  published: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  description: string;
  images: Array<{ url: string; alt: string }>;
  attributes: Array<{ name: string; value: string }>;
}

const categoryId = randomUUID();
const oldProducts: OldProduct[] = Array.from({ length: PRODUCTS }, (_, i) => ({
  id: randomUUID(),
  sku: `OLD-${i}-${randomBytes(3).toString('hex')}`,
  slug: `old-product-${i}-${randomBytes(3).toString('hex')}`,
  name: `Old product ${i}`,
  categoryId,
  price: { amount: i * 137, currency: i % 3 === 0 ? 'GBP' : 'EUR' },
  published: i % 4 !== 0,
  createdAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
  updatedAt: new Date(Date.UTC(2030, 0, 2, 0, i)),
  version: 1 + (i % 5),
  description: i % 2 ? `Description ${i}` : '',
  images: i % 3 ? [{ url: `https://cdn.example.com/${i}.jpg`, alt: `Image ${i}` }] : [],
  attributes: [{ name: 'index', value: String(i) }],
}));

/** What every product must read as after the migration. */
const expected = (old: OldProduct): Product => ({
  ...old,
  options: [],
  variants: [{ id: old.id, sku: old.sku, optionValueIds: [], price: old.price, compareAtPrice: null, images: [], published: true, weightGrams: null }],
});

async function expectMigratedCatalog(store: CatalogStore): Promise<void> {
  const ids = oldProducts.map((p) => p.id);
  expect(await store.getProducts(ids)).toEqual(oldProducts.map(expected));
  // The default variant's id is the product's: stock kept per product id maps to it unchanged.
  expect((await store.getProductsOfVariants(ids)).map((p) => p.id).sort()).toEqual([...ids].sort());
  // Old skus are variant skus now, unique across the catalog.
  const [first, second] = oldProducts;
  const error = await store.changeProduct(first!.id, { kind: 'updateVariant', variantId: first!.id, patch: { sku: second!.sku } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogConflictError);
  expect(await store.getProducts([first!.id])).toEqual([expected(first!)]);
}

describe.each(sqlBackends)('variant migration on %s', (driver) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function open(): Promise<MigrationTestDatabase> {
    const database = await openMigrationTestDatabase(driver, 'variants_migration');
    cleanups.push(() => database.close());
    return database;
  }

  it('gives every product of the previous schema exactly one default variant and its variant key', async () => {
    const database = await open();
    const { handle } = database;
    const previous = database.migrationsUpTo(migrationsFolder, '0000_init');
    await runMigrations(handle, { schema: 'products', migrationsFolder: previous });
    for (const p of oldProducts) {
      const document = { description: p.description, images: p.images, attributes: p.attributes };
      await handle.db.execute(sql`insert into products.products
        (id, sku, slug, name, name_key, category_id, price_amount, price_currency, published, created_at, updated_at, version, document)
        values (${p.id}, ${p.sku}, ${p.slug}, ${p.name}, ${p.name.toLowerCase()}, ${p.categoryId}, ${p.price.amount}, ${p.price.currency},
        ${p.published}, ${p.createdAt.toISOString()}, ${p.updatedAt.toISOString()}, ${p.version}, ${JSON.stringify(document)}::jsonb)`);
    }

    await runMigrations(handle, { schema: 'products', migrationsFolder });

    const rows = await database.rows(
      sql`select id, sku, price_amount, price_currency, published, version, updated_at, document from products.products order by id`,
    );
    expect(rows).toHaveLength(PRODUCTS);
    for (const row of rows) {
      const old = oldProducts.find((p) => p.id === row.id)!;
      expect(row).toEqual({
        id: old.id,
        sku: old.sku,
        price_amount: old.price.amount,
        price_currency: old.price.currency,
        published: old.published,
        version: old.version,
        updated_at: expect.anything(),
        document: { description: old.description, images: old.images, attributes: old.attributes, options: [], variants: expected(old).variants },
      });
      expect(new Date(row.updated_at as string).getTime()).toBe(old.updatedAt.getTime());
    }
    const keys = await database.rows(sql`select variant_id, sku, product_id from products.variant_keys order by variant_id`);
    expect(keys).toEqual([...oldProducts].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => ({ variant_id: p.id, sku: p.sku, product_id: p.id })));

    const store = createCatalogStore({ kind: 'postgres', db: handle.db, schema: 'products' });
    await store.ensureSchema();
    await expectMigratedCatalog(store);
  });
});

describe('variant migration on ferretdb', () => {
  const url = testServers.TEST_MONGO_URL;
  const database = `variants_migration_${randomBytes(6).toString('hex')}`;
  const admin = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
  afterAll(async () => {
    await admin.db(database).dropDatabase();
    await admin.close();
  });

  it('gives every document of the previous shape exactly one default variant and claims its sku, once', async () => {
    const products = admin.db(database).collection('products');
    await products.insertMany(
      oldProducts.map(({ id, description, images, attributes, ...fields }) => ({
        _id: id as never,
        ...fields,
        nameKey: fields.name.toLowerCase(),
        description,
        images,
        attributes,
      })),
    );
    const store = createCatalogStore({ kind: 'mongo', url, database, serverSelectionTimeoutMS: 3000 });
    try {
      await store.ensureSchema();
      await store.ensureSchema();
      const docs = await products.find({}, { sort: { _id: 1 } }).toArray();
      expect(docs).toHaveLength(PRODUCTS);
      for (const doc of docs) {
        const old = oldProducts.find((p) => p.id === (doc._id as unknown as string))!;
        const { id: _id, ...fields } = old;
        expect(doc).toEqual({ _id: old.id, ...fields, nameKey: old.name.toLowerCase(), options: [], variants: expected(old).variants });
      }
      const claims = await admin
        .db(database)
        .collection('variant_skus')
        .find({}, { sort: { _id: 1 } })
        .toArray();
      expect(claims.map(({ _id, productId }) => ({ _id, productId }))).toEqual(
        [...oldProducts].sort((a, b) => (a.sku < b.sku ? -1 : 1)).map((p) => ({ _id: p.sku, productId: p.id })),
      );
      await expectMigratedCatalog(store);
    } finally {
      await store.close();
    }
  });
});

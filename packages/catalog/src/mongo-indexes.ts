import { MongoServerError, type Collection, type Document, type IndexDescription } from 'mongodb';
import type { CategoryDoc, ProductDoc } from './mongo-documents';
import { uniqueIndexNames } from './unique-index-names';

/**
 * The MongoDB counterpart of the PostgreSQL migration: unique indexes that enforce sku and slug
 * uniqueness, plus one index per listing order (sort key, then _id for the keyset tie-break).
 */
const productIndexes: IndexDescription[] = [
  { key: { sku: 1 }, name: uniqueIndexNames.productSku, unique: true },
  { key: { slug: 1 }, name: uniqueIndexNames.productSlug, unique: true },
  { key: { categoryId: 1 }, name: 'products_category_idx' },
  { key: { createdAt: -1, _id: -1 }, name: 'products_newest_idx' },
  { key: { 'price.amount': 1, _id: 1 }, name: 'products_price_idx' },
  { key: { nameKey: 1, _id: 1 }, name: 'products_name_idx' },
  // Not unique: FerretDB enforces no unique index on array elements (see mongo-sku-claims.ts).
  { key: { 'variants.id': 1 }, name: 'products_variant_id_idx' },
  { key: { 'variants.sku': 1 }, name: 'products_variant_sku_idx' },
];
const categoryIndexes: IndexDescription[] = [
  { key: { slug: 1 }, name: uniqueIndexNames.categorySlug, unique: true },
  { key: { parentId: 1, position: 1, _id: 1 }, name: 'categories_parent_position_idx' },
];

export async function ensureMongoIndexes(products: Collection<ProductDoc>, categories: Collection<CategoryDoc>): Promise<void> {
  await ensureIndexes(products, productIndexes);
  await ensureIndexes(categories, categoryIndexes);
}

/**
 * Creates only the missing indexes. Re-sending existing ones would be idempotent on MongoDB, but
 * FerretDB 1.24 drops the connection (a server panic) when one createIndexes names two or more
 * indexes that all exist. An existing index of the same name with another definition fails loudly
 * rather than silently keeping the old one.
 */
async function ensureIndexes<T extends Document>(collection: Collection<T>, wanted: IndexDescription[]): Promise<void> {
  const existing = new Map((await listIndexes(collection)).map((index) => [String(index.name), index]));
  const missing = wanted.filter((index) => {
    const found = existing.get(index.name!);
    if (!found) return true;
    if (JSON.stringify(found.key) !== JSON.stringify(index.key) || Boolean(found.unique) !== Boolean(index.unique)) {
      throw new Error(
        `catalog index ${collection.collectionName}.${index.name} exists as ${JSON.stringify({ key: found.key, unique: found.unique })}, expected ${JSON.stringify({ key: index.key, unique: index.unique })}`,
      );
    }
    return false;
  });
  if (missing.length > 0) await collection.createIndexes(missing, { comment: 'catalog.ensureSchema' });
}

async function listIndexes<T extends Document>(collection: Collection<T>): Promise<Document[]> {
  try {
    return await collection.listIndexes({ comment: 'catalog.ensureSchema' }).toArray();
  } catch (error) {
    // NamespaceNotFound: the collection does not exist yet; createIndexes will create it.
    if (error instanceof MongoServerError && error.code === 26) return [];
    throw error;
  }
}

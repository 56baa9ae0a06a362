import type { Collection, Filter, MatchKeysAndValues, UpdateFilter } from 'mongodb';
import type { NewProduct, Product, ProductPatch } from './catalog-model';
import type { ProductEvents } from './catalog-events';
import { CatalogVersionConflictError } from './catalog-errors';
import { nameKey, normalizeIds, parseExpectedVersion, parseNewProduct, parseProductPatch } from './catalog-input';
import { parseProductDocs, toProductDoc, type ProductDoc } from './mongo-documents';
import { drainedTombstone, toPendingEvents } from './mongo-event-relay';
import { rethrowDuplicateKey } from './mongo-conflict';
import type { KeyedMutex } from './keyed-mutex';

/**
 * Product writes of the MongoDB adapter. FerretDB 1.24 has no multi-document transactions, so a
 * write and its events are ONE single-document operation: the events go into the document's
 * `pendingEvents` array. Events are built from the document as the write leaves it, so updates and
 * deletes are compare-and-set on `version`: read, build, write if the version is unchanged, else
 * read again (an explicit `expectedVersion` fails instead).
 */
export const live = { deleted: { $ne: true } } as const;
export const withoutEvents = { pendingEvents: 0 } as const;
const MAX_ATTEMPTS = 20;

export interface MongoProductWriter {
  products: Collection<ProductDoc>;
  now: () => Date;
  /** Serializes each product's read-modify-write cycles in this process (see `KeyedMutex`). */
  locks: KeyedMutex;
}

const pushEvents = (events: ProductEvents | undefined, product: Product): UpdateFilter<ProductDoc> => {
  const pending = toPendingEvents(events?.(product) ?? []);
  return pending.length > 0 ? { $push: { pendingEvents: { $each: pending } } } : {};
};

export async function insertProduct({ products, now }: MongoProductWriter, input: NewProduct, events?: ProductEvents): Promise<Product> {
  const doc = toProductDoc(parseNewProduct(input), now());
  const product = parseProductDocs([doc])[0]!;
  const pendingEvents = toPendingEvents(events?.(product) ?? []);
  try {
    await products.insertOne({ ...doc, pendingEvents }, { comment: 'catalog.createProduct' });
  } catch (error) {
    await rethrowDuplicateKey(error, 'product', products, { id: doc._id, sku: doc.sku, slug: doc.slug });
  }
  return product;
}

/**
 * Read, then write only if `version` is unchanged, under the product's in-process lock; retried
 * when another process won the race. `write` resolves whether it modified the document.
 */
async function compareAndSet<T>(
  { products, locks }: MongoProductWriter,
  productId: string,
  missing: T,
  write: (current: ProductDoc, unchanged: Filter<ProductDoc>) => Promise<{ done: true; value: T } | { done: false }>,
): Promise<T> {
  return locks.run(productId, async () => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await products.findOne({ _id: productId, ...live }, { projection: withoutEvents, comment: 'catalog.productForWrite' });
      if (!current) return missing;
      const outcome = await write(current, { _id: productId, version: current.version, ...live });
      if (outcome.done) return outcome.value;
    }
    throw new Error(`catalog: product ${productId} changed ${MAX_ATTEMPTS} times while writing it`);
  });
}

export async function updateProduct(
  writer: MongoProductWriter,
  id: string,
  patch: ProductPatch,
  expectedVersion?: number,
  events?: ProductEvents,
): Promise<Product | null> {
  const valid = parseProductPatch(patch);
  const expected = parseExpectedVersion(expectedVersion);
  const [productId] = normalizeIds([id]);
  if (productId === undefined) return null;
  const { products, now } = writer;
  return compareAndSet<Product | null>(writer, productId, null, async (current, unchanged) => {
    if (expected !== undefined && current.version !== expected) throw new CatalogVersionConflictError(productId, expected, current.version);
    const $set: MatchKeysAndValues<ProductDoc> = {
      ...valid,
      ...(valid.name !== undefined ? { nameKey: nameKey(valid.name) } : {}),
      updatedAt: now(),
      version: current.version + 1,
    };
    const after = parseProductDocs([{ ...current, ...$set }])[0]!;
    try {
      const result = await products.updateOne(unchanged, { $set, ...pushEvents(events, after) }, { comment: 'catalog.updateProduct' });
      // The version matched, so the stored document is exactly `current` with `$set` applied.
      return result.modifiedCount === 1 ? { done: true, value: after } : { done: false };
    } catch (error) {
      return rethrowDuplicateKey(error, 'product', products, { sku: valid.sku, slug: valid.slug }, productId);
    }
  });
}

/**
 * Marks the product deleted (with its events) and frees its sku and slug; a product without
 * pending events is then removed at once, the others by the relay after publishing.
 */
export async function deleteProduct(writer: MongoProductWriter, id: string, events?: ProductEvents): Promise<boolean> {
  const [productId] = normalizeIds([id]);
  if (productId === undefined) return false;
  const { products, now } = writer;
  return compareAndSet<boolean>(writer, productId, false, async (current, unchanged) => {
    const tombstone = `~deleted~${productId}`;
    const $set = { deleted: true, sku: tombstone, slug: tombstone, updatedAt: now(), version: current.version + 1 };
    const marked = await products.updateOne(unchanged, { $set, ...pushEvents(events, parseProductDocs([current])[0]!) }, { comment: 'catalog.deleteProduct' });
    if (marked.modifiedCount !== 1) return { done: false };
    await products.deleteOne(drainedTombstone(productId), { comment: 'catalog.removeTombstone' });
    return { done: true, value: true };
  });
}

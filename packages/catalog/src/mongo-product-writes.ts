import type { Filter, MatchKeysAndValues, UpdateFilter } from 'mongodb';
import type { NewProduct, Product, ProductPatch } from './catalog-model';
import type { ProductEvents } from './catalog-events';
import { CatalogVersionConflictError } from './catalog-errors';
import { normalizeIds, parseExpectedVersion, parseNewProduct, parseProductPatch } from './catalog-input';
import { parseProductDocs, productFields, toProductDoc, type ProductDoc } from './mongo-documents';
import { claimSkus, releaseSkus, type SkuClaims } from './mongo-sku-claims';
import type { ProductChange } from './variant-model';
import { parseProductChange } from './variant-input';
import { applyProductChange, withVariants } from './variant-rules';
import { patchedProduct } from './product-patch';
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

export interface MongoProductWriter extends SkuClaims {
  /** Serializes each product's read-modify-write cycles in this process (see `KeyedMutex`). */
  locks: KeyedMutex;
}

const pushEvents = (events: ProductEvents | undefined, product: Product): UpdateFilter<ProductDoc> => {
  const pending = toPendingEvents(events?.(product) ?? []);
  return pending.length > 0 ? { $push: { pendingEvents: { $each: pending } } } : {};
};

const skusOf = (product: Product): string[] => product.variants.map((variant) => variant.sku);
const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((item) => !b.includes(item));

export async function insertProduct(writer: MongoProductWriter, input: NewProduct, events?: ProductEvents): Promise<Product> {
  const { products, now } = writer;
  const doc = toProductDoc(parseNewProduct(input), now());
  const product = parseProductDocs([doc])[0]!;
  const pendingEvents = toPendingEvents(events?.(product) ?? []);
  await claimSkus(writer, doc._id, skusOf(product));
  try {
    await products.insertOne({ ...doc, pendingEvents }, { comment: 'catalog.createProduct' });
  } catch (error) {
    // An id conflict means another product owns this id, and maybe its claims: release only then not.
    const existing = await products.countDocuments({ _id: doc._id }, { limit: 1, comment: 'catalog.productExists' });
    if (existing === 0) await releaseSkus(writer, doc._id);
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

/**
 * The one write path of an existing product: `compute` applies the rules to the product as read;
 * new skus are claimed first, dropped ones released after the compare-and-set succeeded.
 */
async function rewrite(
  writer: MongoProductWriter,
  id: string,
  expectedVersion: number | undefined,
  events: ProductEvents | undefined,
  compute: (current: Product) => Product,
): Promise<Product | null> {
  const expected = parseExpectedVersion(expectedVersion);
  const [productId] = normalizeIds([id]);
  if (productId === undefined) return null;
  const { products, now } = writer;
  return compareAndSet<Product | null>(writer, productId, null, async (currentDoc, unchanged) => {
    if (expected !== undefined && currentDoc.version !== expected) throw new CatalogVersionConflictError(productId, expected, currentDoc.version);
    const current = parseProductDocs([currentDoc])[0]!;
    const computed = compute(current);
    if (computed === current) return { done: true, value: current };
    const after: Product = { ...computed, updatedAt: now(), version: current.version + 1 };
    const added = minus(skusOf(after), skusOf(current));
    const $set: MatchKeysAndValues<ProductDoc> = productFields(after);
    try {
      await claimSkus(writer, productId, added);
      const result = await products.updateOne(unchanged, { $set, ...pushEvents(events, after) }, { comment: 'catalog.updateProduct' });
      if (result.modifiedCount !== 1) return { done: false };
    } catch (error) {
      // The document did not take them: free what this attempt claimed rather than wait for staleness.
      await releaseSkus(writer, productId, added);
      return rethrowDuplicateKey(error, 'product', products, { sku: after.sku, slug: after.slug }, productId);
    }
    await releaseSkus(writer, productId, minus(skusOf(current), skusOf(after)));
    return { done: true, value: after };
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
  return rewrite(writer, id, expectedVersion, events, (current) => patchedProduct(current, valid));
}

export async function changeProduct(
  writer: MongoProductWriter,
  id: string,
  change: ProductChange,
  expectedVersion?: number,
  events?: ProductEvents,
): Promise<Product | null> {
  const valid = parseProductChange(change);
  return rewrite(writer, id, expectedVersion, events, (current) => withVariants(current, applyProductChange(current, valid)));
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
    await releaseSkus(writer, productId);
    await products.deleteOne(drainedTombstone(productId), { comment: 'catalog.removeTombstone' });
    return { done: true, value: true };
  });
}

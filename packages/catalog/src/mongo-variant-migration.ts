import { claimSkus, type SkuClaims } from './mongo-sku-claims';
import { defaultVariant } from './variant-rules';
import type { ProductDoc } from './mongo-documents';
import type { KeyedMutex } from './keyed-mutex';

/**
 * Gives every product document stored before variants existed its options (none) and its default
 * variant (the product's id, sku and price; published), and claims that sku. Idempotent and safe
 * while the shop runs: each document is migrated by a compare-and-set on its version, so a
 * concurrent write wins and the document is looked at again on the next run; readers already see
 * the same default variant for a document not migrated yet. The version is not bumped: nothing a
 * reader sees changes. Returns how many documents it migrated.
 */
export async function migrateToVariants(writer: SkuClaims & { locks: KeyedMutex }): Promise<number> {
  const { products, locks } = writer;
  const unmigrated = { variants: { $exists: false }, deleted: { $ne: true } } as const;
  let migrated = 0;
  for (;;) {
    const batch = await products
      .find(unmigrated, { projection: { _id: 1, sku: 1, price: 1, version: 1 }, limit: 500, comment: 'catalog.unmigratedProducts' })
      .toArray();
    let progressed = false;
    for (const doc of batch as Array<Pick<ProductDoc, '_id' | 'sku' | 'price' | 'version'>>) {
      await locks.run(doc._id, async () => {
        await claimSkus(writer, doc._id, [doc.sku]);
        const variant = defaultVariant({ id: doc._id, sku: doc.sku, price: doc.price });
        const result = await products.updateOne(
          { _id: doc._id, version: doc.version, ...unmigrated },
          { $set: { options: [], variants: [variant] } },
          { comment: 'catalog.migrateToVariants' },
        );
        if (result.modifiedCount === 1) {
          migrated++;
          progressed = true;
        }
      });
    }
    if (batch.length < 500 || !progressed) return migrated;
  }
}

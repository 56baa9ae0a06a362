import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import type { VariantKeysTable } from './postgres-tables';
import type { ProductVariant } from './variant-model';

/**
 * Brings a product's `variant_keys` rows from its variants `before` to `after`, inside the caller's
 * transaction. Keys of removed (or re-skued) variants go first, so a sku can move between variants
 * of one product in one change; a sku another product holds fails the insert (unique violation).
 */
export async function syncVariantKeys(
  db: Executor,
  k: VariantKeysTable,
  productId: string,
  before: readonly ProductVariant[],
  after: readonly ProductVariant[],
): Promise<void> {
  const key = (variant: ProductVariant) => `${variant.id} ${variant.sku}`;
  const kept = new Set(after.map(key));
  const existed = new Set(before.map(key));
  const removed = before.filter((variant) => !kept.has(key(variant))).map((variant) => variant.id);
  const added = after.filter((variant) => !existed.has(key(variant)));
  if (removed.length > 0) await db.delete(k).where(and(eq(k.productId, productId), inArray(k.variantId, removed)));
  if (added.length > 0) await db.insert(k).values(added.map((variant) => ({ variantId: variant.id, sku: variant.sku, productId })));
}

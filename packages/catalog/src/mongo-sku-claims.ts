import type { Collection } from 'mongodb';
import { CatalogConflictError } from './catalog-errors';
import type { ProductDoc, SkuClaimDoc } from './mongo-documents';

/**
 * Catalog-wide sku uniqueness for the MongoDB adapter. A product claims a sku (an insert on the
 * unique `_id`) BEFORE its document takes it and releases it AFTER its document dropped it, so a
 * document never holds a sku another product holds. A crash between the two steps leaves a claim
 * whose product does not hold the sku: after `STALE_CLAIM_MS` another product may take it over
 * (sooner would race a writer that claimed and is about to write its document).
 */
export const STALE_CLAIM_MS = 60_000;
const live = { deleted: { $ne: true } } as const;

const isDuplicateKey = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 11000 || (code === 1 && typeof message === 'string' && message.includes('UNIQUE constraint failed'));
};

export interface SkuClaims {
  claims: Collection<SkuClaimDoc>;
  products: Collection<ProductDoc>;
  now: () => Date;
}

/** Claims every sku for `productId`; throws `CatalogConflictError` (field `sku`) for one another product holds. */
export async function claimSkus({ claims, products, now }: SkuClaims, productId: string, skus: readonly string[]): Promise<void> {
  for (const sku of skus) {
    try {
      await claims.insertOne({ _id: sku, productId, claimedAt: now() }, { comment: 'catalog.claimSku' });
      continue;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const claim = await claims.findOne({ _id: sku }, { comment: 'catalog.skuClaim' });
    if (claim?.productId === productId) continue;
    const holds = claim ? await products.countDocuments({ _id: claim.productId, 'variants.sku': sku, ...live }, { limit: 1, comment: 'catalog.skuHolder' }) : 0;
    const stale = claim !== null && holds === 0 && now().getTime() - claim.claimedAt.getTime() >= STALE_CLAIM_MS;
    const takenOver =
      stale &&
      (await claims.updateOne({ _id: sku, productId: claim.productId }, { $set: { productId, claimedAt: now() } }, { comment: 'catalog.takeOverSku' }))
        .modifiedCount === 1;
    if (!takenOver) throw new CatalogConflictError('product', 'sku', sku);
  }
}

/** Releases claims of `productId` (never another product's). */
export async function releaseSkus({ claims }: SkuClaims, productId: string, skus?: readonly string[]): Promise<void> {
  if (skus?.length === 0) return;
  await claims.deleteMany({ productId, ...(skus ? { _id: { $in: [...skus] } } : {}) }, { comment: 'catalog.releaseSkus' });
}

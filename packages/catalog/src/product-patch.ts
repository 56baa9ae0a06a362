import type { Product } from './catalog-model';
import type { ValidProductPatch } from './catalog-input';
import { applyProductLevelFields, withVariants } from './variant-rules';

/**
 * `updateProduct`'s patch applied to a product: a new object even when nothing differs (an update
 * always bumps the version). `sku` and `price` go to the only variant (VARIANT_REQUIRED otherwise).
 */
export function patchedProduct(current: Product, patch: ValidProductPatch): Product {
  const { sku, price, ...fields } = patch;
  const base: Product = { ...current, ...fields };
  return withVariants(base, applyProductLevelFields(current, { ...(sku !== undefined ? { sku } : {}), ...(price ? { price } : {}) }));
}

/**
 * Names of the unique indexes, the same in both adapters, so a duplicate-key error can be mapped to
 * the field that conflicts (and so the two databases read alike to whoever operates them).
 */
export const uniqueIndexNames = {
  productSku: 'products_sku_key',
  productSlug: 'products_slug_key',
  categorySlug: 'categories_slug_key',
  variantSku: 'variant_keys_sku_key',
} as const;

import type { ProductSnapshot } from './contracts/products';

/** One variant of a product snapshot, flattened the way consumers store it. */
export interface SnapshotVariant {
  variantId: string;
  productId: string;
  sku: string;
  priceAmount: number;
  priceCurrency: string;
  /** Sellable: the variant AND its product are published. */
  published: boolean;
  position: number;
  optionValues: { option: string; value: string }[];
}

/**
 * The variants a `product.created` / `product.updated` snapshot describes, in catalog order. An
 * event recorded before variants existed means one default variant with the product's id, sku and
 * price.
 *
 * `published` is the one rule every consumer shares: a variant is published only when it and its
 * product are, because a variant of an unpublished product is not sellable. So the default variant
 * takes the product's flag, search indexes only sellable variants, and orders may still read the
 * product's own flag to say *which* of the two is hidden. Inventory keeps stock rows for every
 * variant, published or not, so it ignores the flag.
 */
export function snapshotVariants(product: ProductSnapshot): SnapshotVariant[] {
  const variants = product.variants ?? [
    { variantId: product.productId, sku: product.sku, price: product.price, published: true, position: 0, optionValues: [] },
  ];
  return variants.map((variant) => ({
    variantId: variant.variantId,
    productId: product.productId,
    sku: variant.sku,
    priceAmount: variant.price.amount,
    priceCurrency: variant.price.currency,
    published: product.published && variant.published,
    position: variant.position,
    optionValues: variant.optionValues.map(({ option, value }) => ({ option, value })),
  }));
}

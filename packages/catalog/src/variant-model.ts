import type { Money, ProductImage } from './catalog-model';

/**
 * Options and variants: the variant is the sellable unit (its own sku, price and option values);
 * the product groups them. A product always has at least one variant; one without options has
 * exactly one (its default variant, whose id is the product's id when the catalog created it).
 */

/** One choice of an option, e.g. `M` of Size. Ids are UUIDs, unique within the product. */
export interface ProductOptionValue {
  id: string;
  name: string;
}

/** A dimension a product varies in, e.g. Size: S, M, L. Its values keep their display order. */
export interface ProductOption {
  id: string;
  /** Unique within the product, compared case-insensitively. */
  name: string;
  /** 1..MAX_OPTION_VALUES values, names unique within the option (case-insensitively). */
  values: ProductOptionValue[];
}

export interface ProductVariant {
  id: string;
  /** Unique across the whole catalog. */
  sku: string;
  /** Exactly one value id per option of the product, in option order; no two variants share a combination. */
  optionValueIds: string[];
  /** Every price and compare-at price of one product is in one currency. */
  price: Money;
  /** The "was" price shown struck through; `null` when there is none. */
  compareAtPrice: Money | null;
  images: ProductImage[];
  /** Customers only see (and buy) published variants of published products. */
  published: boolean;
  /** Shipping weight; `null` when unknown. */
  weightGrams: number | null;
}

/** Which value of which option, by name: `{ option: 'Size', value: 'M' }`. */
export interface OptionValueRef {
  option: string;
  value: string;
}

export interface NewVariant {
  /** @default a random UUID */
  id?: string;
  sku: string;
  /** One per option of the product, in any order. */
  optionValues: OptionValueRef[];
  price: Money;
  /** @default null */
  compareAtPrice?: Money | null;
  /** @default [] */
  images?: ProductImage[];
  /** @default true */
  published?: boolean;
  /** @default null */
  weightGrams?: number | null;
  /** Index to insert at (0 = first); past the end appends. @default the end */
  position?: number;
}

/** Fields to change; absent fields keep their value. */
export type VariantPatch = Partial<Omit<NewVariant, 'id' | 'position'>>;

/**
 * One admin change to a product's options or variants, applied by `CatalogStore.changeProduct`
 * atomically (with its events and the product's version bump). Data, not code, so every adapter
 * applies the very same rules (`applyProductChange`).
 */
export type ProductChange =
  /** Existing variants take the option's FIRST value, so each still has one value per option. */
  | { kind: 'addOption'; name: string; values: string[]; position?: number }
  /** Renames and/or moves the option (variants' values follow). */
  | { kind: 'updateOption'; optionId: string; name?: string; position?: number }
  /** Refused with DUPLICATE_COMBINATION when two variants would then be the same. */
  | { kind: 'deleteOption'; optionId: string }
  | { kind: 'addOptionValues'; optionId: string; values: string[] }
  | { kind: 'updateOptionValue'; optionId: string; valueId: string; name: string }
  /** Refused with OPTION_VALUE_IN_USE while a variant has the value. */
  | { kind: 'deleteOptionValue'; optionId: string; valueId: string }
  | { kind: 'createVariant'; variant: NewVariant }
  | { kind: 'updateVariant'; variantId: string; patch: VariantPatch }
  /** Refused with LAST_VARIANT for the product's only variant. */
  | { kind: 'deleteVariant'; variantId: string }
  /** `variantIds` lists every variant of the product exactly once, in the new order. */
  | { kind: 'reorderVariants'; variantIds: string[] }
  /**
   * Adds a variant for every combination of option values that has none yet (existing ones are
   * kept as they are), sku `<skuPrefix>-<value>-<value>...` upper-cased, whitespace as `-`.
   */
  | { kind: 'generateVariants'; skuPrefix: string; price: Money; published?: boolean };

/** Bounds that keep a product document (and every page of products) small. */
export const MAX_OPTIONS = 5;
export const MAX_OPTION_VALUES = 100;
export const MAX_VARIANTS = 250;

/** Lowest and highest price of a product's variants. */
export interface PriceRange {
  min: Money;
  max: Money;
}

import type { Money } from '@shop/events';
import type { ProductOption, ProductVariant } from './variant-model';

/**
 * The catalog's domain records as services see them, whichever backend stores them. Money is the
 * shop's one `Money` (integer minor units plus an ISO 4217 code, never floats).
 */
export type { Money };

export interface ProductImage {
  url: string;
  /** Alternative text for screen readers; may be empty for purely decorative images. */
  alt: string;
}

/** A free-form facet such as `{ name: 'colour', value: 'red' }`. */
export interface ProductAttribute {
  name: string;
  value: string;
}

export interface Product {
  id: string;
  /** The first variant's sku (kept for clients that predate variants). */
  sku: string;
  /** Unique, url-safe: lower-case letters, digits and single hyphens. */
  slug: string;
  name: string;
  description: string;
  /** The "from" price: the lowest published variant price (see `fromPrice`). */
  price: Money;
  categoryId: string;
  images: ProductImage[];
  attributes: ProductAttribute[];
  published: boolean;
  /** The dimensions the product varies in, in display order. */
  options: ProductOption[];
  /** At least one; in display order (a variant's `position` is its index). */
  variants: ProductVariant[];
  createdAt: Date;
  updatedAt: Date;
  /** Starts at 1 and grows by one on every update (optimistic concurrency). */
  version: number;
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  /** `null` for a root category. */
  parentId: string | null;
  /** Order among siblings, ascending. */
  position: number;
}

/**
 * What `createProduct` needs; omitted optional fields take the defaults shown. The product starts
 * with no options and one default variant with this sku and price, whose id is the product's id.
 */
export interface NewProduct {
  /** Lets imports keep their ids. @default a random UUID */
  id?: string;
  sku: string;
  slug: string;
  name: string;
  /** @default '' */
  description?: string;
  price: Money;
  /** Not checked against the categories: services validate references. */
  categoryId: string;
  /** @default [] */
  images?: ProductImage[];
  /** @default [] */
  attributes?: ProductAttribute[];
  /** New products stay hidden until published on purpose. @default false */
  published?: boolean;
}

/**
 * Fields to change; absent fields keep their value. `sku` and `price` are the only variant's:
 * a product with several variants refuses them (`CatalogVariantError` VARIANT_REQUIRED).
 */
export type ProductPatch = Partial<Omit<NewProduct, 'id'>>;

export interface NewCategory {
  /** @default a random UUID */
  id?: string;
  slug: string;
  name: string;
  /** Must name an existing category. @default null */
  parentId?: string | null;
  /** @default 0 */
  position?: number;
}

export type CategoryPatch = Partial<Omit<NewCategory, 'id'>>;

export const productSorts = ['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME_ASC'] as const;

/**
 * Listing orders. Ties break on `id` in the same direction as the sort key, so pages are stable.
 * NAME_ASC compares case-folded names code point by code point on every backend (no locale
 * collation: FerretDB has none, and PostgreSQL's would differ between servers). PRICE_* compare
 * amounts only, so combine them with a `currency` filter when prices come in several currencies.
 */
export type ProductSort = (typeof productSorts)[number];

export interface ProductFilter {
  /**
   * Products in any of these categories (exact match). For a whole subtree pass
   * `await store.descendantIds(id)`. An empty list matches nothing.
   */
  categoryIds?: readonly string[];
  /** Inclusive lower bound on `price.amount`, in minor units. */
  minPrice?: number;
  /** Inclusive upper bound on `price.amount`, in minor units. */
  maxPrice?: number;
  currency?: string;
  /** Restricts to these ids. An empty list matches nothing. */
  ids?: readonly string[];
  published?: boolean;
}

export interface ListProductsArgs {
  /** @default {} (every product) */
  filter?: ProductFilter;
  /** @default 'NEWEST' */
  sort?: ProductSort;
  /** Page size, 1..maxPageSize of the store. */
  first: number;
  /** `endCursor` of the previous page (opaque). Omit for the first page. */
  after?: string | null;
  /** `false` skips counting the matches (one query less) and gives `totalCount: null`. @default true */
  countTotal?: boolean;
}

export interface ProductPage {
  items: Product[];
  hasNextPage: boolean;
  /** Cursor of the last item, `null` for an empty page. */
  endCursor: string | null;
  /** Products matching the filter, over all pages; `null` when `countTotal` was false. */
  totalCount: number | null;
}

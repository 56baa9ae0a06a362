import { z } from 'zod';
import type { Category, Product } from './catalog-model';
import type { ValidNewCategory, ValidNewProduct } from './catalog-input';
import { nameKey } from './catalog-input';
import { productDocumentSchema, storedMoneySchema } from './product-document';
import type { ProductOption, ProductVariant } from './variant-model';
import { defaultVariant } from './variant-rules';

/**
 * How the MongoDB adapter stores records: `_id` is the UUID string, so ids mean the same thing in
 * both adapters; `nameKey` is the NAME_ASC sort key (FerretDB has no collations to sort by).
 */
export interface ProductDoc {
  _id: string;
  sku: string;
  slug: string;
  name: string;
  nameKey: string;
  description: string;
  price: { amount: number; currency: string };
  categoryId: string;
  images: Array<{ url: string; alt: string }>;
  attributes: Array<{ name: string; value: string }>;
  published: boolean;
  /** Absent only on documents written before variants, until `ensureSchema` migrates them. */
  options?: ProductOption[];
  variants?: ProductVariant[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Events recorded with the writes of this document, oldest first, until the relay publishes them. */
  pendingEvents?: PendingEventDoc[];
  /** A deleted product: hidden from every read, removed once its pending events are published. */
  deleted?: boolean;
}

/** An event waiting in its product's document; the envelope is JSON text so it round-trips exactly. */
export interface PendingEventDoc {
  id: string;
  topic: string;
  key: string;
  envelope: string;
}

export interface CategoryDoc {
  _id: string;
  slug: string;
  name: string;
  parentId: string | null;
  position: number;
}

/** Documents are parsed at the boundary: whatever is in the collection, services get valid records. */
const productDocSchema = productDocumentSchema
  .extend({
    _id: z.string(),
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    price: storedMoneySchema,
    categoryId: z.string(),
    published: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
    version: z.number().int().min(1),
  })
  .transform(({ _id, ...fields }): Product => ({
    id: _id,
    sku: fields.sku,
    slug: fields.slug,
    name: fields.name,
    description: fields.description,
    price: fields.price,
    categoryId: fields.categoryId,
    images: fields.images,
    attributes: fields.attributes,
    published: fields.published,
    options: fields.options ?? [],
    variants: fields.variants ?? [defaultVariant({ id: _id, sku: fields.sku, price: fields.price })],
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
    version: fields.version,
  }));

const categoryDocSchema = z
  .object({ _id: z.string(), slug: z.string(), name: z.string(), parentId: z.string().nullable(), position: z.number().int() })
  .transform(({ _id, ...fields }): Category => ({ id: _id, ...fields }));

export const parseProductDocs = (docs: readonly unknown[]): Product[] => docs.map((doc) => productDocSchema.parse(doc));
export const parseCategoryDocs = (docs: readonly unknown[]): Category[] => docs.map((doc) => categoryDocSchema.parse(doc));

export function toProductDoc(product: ValidNewProduct, now: Date): ProductDoc {
  const { id, ...fields } = product;
  return { _id: id, ...fields, nameKey: nameKey(product.name), options: [], variants: [defaultVariant(product)], createdAt: now, updatedAt: now, version: 1 };
}

/** The stored fields of a product as a write leaves it (everything but `_id`, `createdAt` and the events). */
export function productFields(product: Product): Omit<ProductDoc, '_id' | 'createdAt' | 'pendingEvents' | 'deleted'> {
  const { id: _id, createdAt: _createdAt, ...fields } = product;
  return { ...fields, nameKey: nameKey(product.name) };
}

/**
 * The registry of variant skus (collection `variant_skus`): FerretDB enforces no unique index on
 * an array field, so each sku is claimed here (unique `_id`) before a product document takes it.
 */
export interface SkuClaimDoc {
  _id: string;
  productId: string;
  claimedAt: Date;
}

export function toCategoryDoc(category: ValidNewCategory): CategoryDoc {
  const { id, ...fields } = category;
  return { _id: id, ...fields };
}

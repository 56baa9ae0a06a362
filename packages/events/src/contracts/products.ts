import { z } from 'zod';
import { defineDataEvent, defineEvent } from '../define-event';
import { money } from './saga-shapes';

/** Every event about a product, keyed by product id so one product's events stay in order. */
export const productsTopic = 'shop.products';

/** A sellable variant as consumers see it; `optionValues` by name, in the product's option order. */
const variantSnapshot = z.object({
  variantId: z.string().min(1),
  sku: z.string().min(1),
  price: money,
  compareAtPrice: money.nullable(),
  published: z.boolean(),
  position: z.number().int().min(0),
  weightGrams: z.number().int().min(0).nullable(),
  optionValues: z.array(z.object({ option: z.string().min(1), value: z.string().min(1) })),
});

/**
 * What consumers (inventory, ratings, favourites, search, promotions) need to know of a product.
 * `sku` is the first variant's and `price` the lowest published variant price. `variants` is the
 * whole ordered list (so a deleted variant is one missing from it); absent only in events recorded
 * before variants existed, which meant one default variant with the product's id, sku and price.
 */
const productSnapshot = z.object({
  productId: z.string().min(1),
  sku: z.string().min(1),
  name: z.string().min(1),
  categoryId: z.string().min(1),
  price: money,
  published: z.boolean(),
  variants: z.array(variantSnapshot).min(1).optional(),
});

/** A product was added to the catalog (published or not). */
export const productCreated = defineEvent({ type: 'product.created', topic: productsTopic, version: 1, schema: productSnapshot });

/** A product's catalog data changed; carries the whole new snapshot, so consumers need no ordering tricks. */
export const productUpdated = defineEvent({ type: 'product.updated', topic: productsTopic, version: 1, schema: productSnapshot });

/** A product left the catalog. */
export const productDeleted = defineDataEvent({
  type: 'product.deleted',
  topic: productsTopic,
  data: { productId: z.string().min(1) },
});

export type ProductSnapshot = z.infer<typeof productSnapshot>;

/** The category tree, one event per category keyed by its id. */
export const categoriesTopic = 'shop.categories';

const categorySnapshot = z.object({
  categoryId: z.string().min(1),
  slug: z.string().min(1),
  name: z.string().min(1),
  parentId: z.string().min(1).nullable(),
});

/**
 * A category as it is now: sent after every create or update, and for every category each time the
 * products subgraph starts, so a consumer that missed one (or was deployed later) catches up.
 * Consumers upsert it; replaying it is harmless.
 */
export const categoryChanged = defineEvent({ type: 'category.changed', topic: categoriesTopic, version: 1, schema: categorySnapshot });

export type CategorySnapshot = z.infer<typeof categorySnapshot>;

export type VariantSnapshot = z.infer<typeof variantSnapshot>;

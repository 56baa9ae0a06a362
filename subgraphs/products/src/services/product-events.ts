import type { Product, ProductEvents } from '@shop/catalog';
import { optionValuesOf, variantModels } from './variant-models';
import { productCreated, productDeleted, productUpdated, type EventContract, type OutgoingMessage, type ProductSnapshot } from '@shop/events';

/** What consumers (inventory, ratings, favourites, search, promotions) learn about a product. */
export const productSnapshot = (product: Product): ProductSnapshot => ({
  productId: product.id,
  sku: product.sku,
  name: product.name,
  categoryId: product.categoryId,
  price: product.price,
  published: product.published,
  // Variants travel inside product.created/updated rather than as events of their own: the product
  // is the unit of consistency (one version, one write), so consumers replace what they know of
  // a product's variants with one ordered snapshot and never see half a change.
  variants: variantModels(product).map((variant) => ({
    variantId: variant.id,
    sku: variant.sku,
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    published: variant.published,
    position: variant.position,
    weightGrams: variant.weightGrams,
    optionValues: optionValuesOf(variant).map(({ option, value }) => ({ option, value })),
  })),
});

const message = <T>(contract: EventContract<T>, productId: string, data: T): OutgoingMessage => ({
  topic: contract.topic,
  key: productId,
  envelope: contract.create(productId, data),
});

/** The events each write records atomically with itself (see `CatalogStore`). */
export const productEvents = {
  created: ((product) => [message(productCreated, product.id, productSnapshot(product))]) satisfies ProductEvents,
  /** Carries the whole new snapshot; publishing and unpublishing are updates too. */
  updated: ((product) => [message(productUpdated, product.id, productSnapshot(product))]) satisfies ProductEvents,
  deleted: ((product) => [message(productDeleted, product.id, { productId: product.id })]) satisfies ProductEvents,
};

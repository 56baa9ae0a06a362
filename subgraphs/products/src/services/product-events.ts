import type { Product, ProductEvents } from '@shop/catalog';
import { productCreated, productDeleted, productUpdated, type EventContract, type OutgoingMessage, type ProductSnapshot } from '@shop/events';

/** What consumers (inventory, ratings, favourites, search, promotions) learn about a product. */
export const productSnapshot = (product: Product): ProductSnapshot => ({
  productId: product.id,
  sku: product.sku,
  name: product.name,
  categoryId: product.categoryId,
  price: product.price,
  published: product.published,
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

import type { Database, Transaction } from '@shop/db';
import {
  on,
  productCreated,
  productDeleted,
  productsTopic,
  productUpdated,
  snapshotVariants,
  subscribeWithInbox,
  type EventRoute,
  type EventTransport,
  type ProductSnapshot,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { KnownProductStore } from '../stores/known-product.store';
import type { KnownVariantStore } from '../stores/known-variant.store';

/** Consumer group and inbox consumer name: one orders deployment reads each product event once. */
export const PRODUCT_EVENTS_GROUP = 'orders';

const known = (data: ProductSnapshot) => ({
  productId: data.productId,
  sku: data.sku,
  name: data.name,
  categoryId: data.categoryId,
  priceAmount: data.price.amount,
  priceCurrency: data.price.currency,
  published: data.published,
});

/**
 * Keeps `known_products` and `known_variants` in step with the catalog. Cart lines reference a
 * variant row, so a new price shows in open carts on their next read, and a deleted product or
 * variant leaves every cart with its row. The inbox makes redelivery harmless.
 */
export function consumeProductEvents(db: Database, transport: EventTransport, products: KnownProductStore, variants: KnownVariantStore): Promise<Subscription> {
  const upsert = async (data: ProductSnapshot, tx: Transaction) => {
    await products.upsert(known(data), tx);
    await variants.replaceForProduct(data.productId, snapshotVariants(data), tx);
  };
  const routes: EventRoute<Transaction>[] = [
    on(productCreated, (event, tx) => upsert(event.data, tx)),
    on(productUpdated, (event, tx) => upsert(event.data, tx)),
    on(productDeleted, (event, tx) => products.delete(event.data.productId, tx)),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: PRODUCT_EVENTS_GROUP, topics: [productsTopic], routes });
}

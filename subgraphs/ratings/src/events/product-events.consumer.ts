import type { Database, Transaction } from '@shop/db';
import {
  on,
  productCreated,
  productDeleted,
  productsTopic,
  subscribeWithInbox,
  type EventRoute,
  type EventTransport,
  type InboxTable,
  type Subscription,
} from '@shop/events';
import type { KnownProductStore } from '../stores/known-product.store';

/** Consumer group and inbox name: every ratings replica shares the work and the deduplication. */
export const PRODUCT_EVENTS_GROUP = 'ratings';

export interface ProductEventsDeps {
  db: Database;
  inbox: InboxTable;
  transport: EventTransport;
  products: KnownProductStore;
}

/**
 * Keeps `known_products` in step with the catalog: product.created makes a product reviewable,
 * product.deleted removes it with its reviews. Each event takes effect once (inbox), however
 * often it is delivered; product.updated carries nothing ratings needs and is ignored.
 */
export function consumeProductEvents(deps: ProductEventsDeps): Promise<Subscription> {
  const { db, inbox, transport, products } = deps;
  const routes: EventRoute<Transaction>[] = [
    on(productCreated, (event, tx) => products.add(event.data.productId, tx)),
    on(productDeleted, (event, tx) => products.remove(event.data.productId, tx)),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: PRODUCT_EVENTS_GROUP, topics: [productsTopic], routes });
}

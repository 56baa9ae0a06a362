import type { Database, Transaction } from '@shop/db';
import {
  categoriesTopic,
  categoryChanged,
  on,
  productCreated,
  productDeleted,
  productsTopic,
  productUpdated,
  subscribeWithInbox,
  type CategoryReplica,
  type EventRoute,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import type { KnownProductStore } from '../stores/known-product.store';

/** Consumer group and inbox consumer name: one promotions deployment reads each product event once. */
export const PRODUCT_EVENTS_GROUP = 'promotions';

/**
 * Keeps `known_products` (id, category, price, published) and `categories` in step with the
 * catalog: category promotions need each product's category, and admins may only target products
 * and categories that exist.
 * The inbox makes redelivery harmless.
 */
export interface ProductEventsDeps {
  db: Database;
  transport: EventTransport;
  known: KnownProductStore;
  categories: CategoryReplica;
}

export function consumeProductEvents({ db, transport, known, categories }: ProductEventsDeps): Promise<Subscription> {
  const routes: EventRoute<Transaction>[] = [
    on(productCreated, (event, tx) => known.upsert(event.data, tx)),
    on(productUpdated, (event, tx) => known.upsert(event.data, tx)),
    on(productDeleted, (event, tx) => known.remove(event.data.productId, tx)),
    on(categoryChanged, (event, tx) => categories.upsert(tx, event.data, new Date(event.occurredAt))),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: PRODUCT_EVENTS_GROUP, topics: [productsTopic, categoriesTopic], routes });
}

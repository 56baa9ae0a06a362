import type { Database, Transaction } from '@shop/db';
import { on, productCreated, productDeleted, productsTopic, subscribeWithInbox, type EventRoute, type EventTransport, type Subscription } from '@shop/events';
import { inbox } from '../db/schema';
import type { KnownProductStore } from '../stores/known-product.store';
import type { WishlistStore } from '../stores/wishlist.store';
import type { WishlistEvents } from './wishlist-events';

/** Consumer group and inbox consumer name: one favourites deployment reads each product event once. */
export const PRODUCT_EVENTS_GROUP = 'favourites';

export interface ProductEventsDeps {
  db: Database;
  transport: EventTransport;
  known: KnownProductStore;
  items: WishlistStore;
  events: WishlistEvents;
  /** Called after each handled event commits, so wishlist.item-removed leaves without waiting for a poll. */
  afterCommit: () => void;
}

/**
 * Keeps `known_products` in step with the catalog. A deleted product leaves every wishlist, each
 * removal announced like a shopper's own. The inbox makes redelivery harmless.
 */
export function consumeProductEvents(deps: ProductEventsDeps): Promise<Subscription> {
  const { db, transport, known, items, events, afterCommit } = deps;
  const routes: EventRoute<Transaction>[] = [
    on(productCreated, (event, tx) => known.add(event.data.productId, tx)),
    on(productDeleted, async (event, tx) => {
      // Known row first: its lock waits for an add still holding it, so that item is deleted too.
      await known.remove(event.data.productId, tx);
      for (const item of await items.deleteForProduct(event.data.productId, tx)) await events.removed(tx, item, 'product_deleted');
    }),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: PRODUCT_EVENTS_GROUP, topics: [productsTopic], routes, afterCommit });
}

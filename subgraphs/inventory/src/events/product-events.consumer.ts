import type { Database, Transaction } from '@shop/db';
import { on, productCreated, productDeleted, productsTopic, subscribeWithInbox, type EventRoute, type EventTransport, type Subscription } from '@shop/events';
import { inbox } from '../db/schema';
import type { StockStore } from '../stores/stock.store';

/** Consumer group and inbox consumer name: one inventory deployment reads each product event once. */
export const PRODUCT_EVENTS_GROUP = 'inventory';

export interface ProductEventsDeps {
  db: Database;
  transport: EventTransport;
  stock: StockStore;
  /** Called after each handled event commits, so events it recorded leave without waiting for a poll. */
  afterCommit: () => void;
}

/**
 * Keeps one stock row per catalog product: created empty on `product.created`, dropped with its
 * reservation items on `product.deleted`. The inbox makes redelivery harmless, and the insert
 * ignores an existing row besides, so a product never gets two rows.
 */
export function consumeProductEvents(deps: ProductEventsDeps): Promise<Subscription> {
  const { db, transport, stock, afterCommit } = deps;
  const routes: EventRoute<Transaction>[] = [
    // Nothing to announce: a new product has no stock, which is what consumers assume anyway.
    on(productCreated, async (event, tx) => {
      await stock.createIfMissing(event.data.productId, tx);
    }),
    on(productDeleted, async (event, tx) => {
      await stock.delete(event.data.productId, tx);
    }),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: PRODUCT_EVENTS_GROUP, topics: [productsTopic], routes, afterCommit });
}

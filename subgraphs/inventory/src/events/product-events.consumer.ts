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

/** Every variant, published or not: stock can be counted before a variant goes on sale. */
const variantIds = (data: ProductSnapshot): string[] => snapshotVariants(data).map((variant) => variant.variantId);

/**
 * Keeps one stock row per catalog variant: product.created/updated carry the product's whole
 * variant list, so new variants get an empty row and removed ones are dropped (with their
 * reservation items); product.deleted drops them all. The inbox makes redelivery harmless, and the
 * insert ignores existing rows besides, so a variant never gets two rows nor loses its units.
 */
export function consumeProductEvents(deps: ProductEventsDeps): Promise<Subscription> {
  const { db, transport, stock, afterCommit } = deps;
  const routes: EventRoute<Transaction>[] = [
    // Nothing to announce: a new variant has no stock, which is what consumers assume anyway.
    on(productCreated, async (event, tx) => {
      await stock.syncVariants(event.data.productId, variantIds(event.data), tx);
    }),
    on(productUpdated, async (event, tx) => {
      await stock.syncVariants(event.data.productId, variantIds(event.data), tx);
    }),
    on(productDeleted, async (event, tx) => {
      await stock.deleteProduct(event.data.productId, tx);
    }),
  ];
  return subscribeWithInbox({ db, inbox, transport, group: PRODUCT_EVENTS_GROUP, topics: [productsTopic], routes, afterCommit });
}

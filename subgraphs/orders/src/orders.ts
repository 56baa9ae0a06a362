import type { Database } from '@shop/db';
import { CartReader } from './services/cart-reader.service';
import { CartService } from './services/cart.service';
import { CartItemStore } from './stores/cart-item.store';
import { CartStore } from './stores/cart.store';
import { KnownProductStore } from './stores/known-product.store';

/** Stores and services on one database; the subgraph and its tests build the same graph. */
export function createOrders(db: Database) {
  const stores = { carts: new CartStore(db), items: new CartItemStore(db), products: new KnownProductStore(db) };
  const reader = new CartReader(stores.carts, stores.items);
  const carts = new CartService(reader, stores.carts, stores.items, stores.products, (work) => db.transaction(work));
  return { stores, reader, carts };
}

export type Orders = ReturnType<typeof createOrders>;

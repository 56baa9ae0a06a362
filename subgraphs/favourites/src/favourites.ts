import { transactor, type Database } from '@shop/db';
import { wishlistEvents } from './events/wishlist-events';
import { WishlistReader } from './services/wishlist-reader.service';
import { WishlistService } from './services/wishlist.service';
import { KnownProductStore } from './stores/known-product.store';
import { WishlistStore } from './stores/wishlist.store';

/** Stores and services on one database; the subgraph and its tests build the same graph. `wake` is the outbox relay's. */
export function createFavourites(db: Database, wake: () => void = () => {}) {
  const stores = { items: new WishlistStore(db), known: new KnownProductStore() };
  const services = {
    wishlist: new WishlistService(stores.items, stores.known, wishlistEvents, transactor(db, wake)),
    reader: new WishlistReader(stores.items),
  };
  return { stores, services };
}

export type Favourites = ReturnType<typeof createFavourites>;

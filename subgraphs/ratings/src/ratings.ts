import { transactor, type Database } from '@shop/db';
import { outbox } from './db/schema';
import { ReviewReader } from './services/review-reader.service';
import { ReviewService } from './services/review.service';
import { KnownProductStore } from './stores/known-product.store';
import { ReviewStore } from './stores/review.store';

/** Stores and services on one database; the subgraph and its tests build the same graph. `wake` is the outbox relay's. */
export function createRatings(db: Database, wake: () => void = () => {}) {
  const stores = { reviews: new ReviewStore(db), products: new KnownProductStore(db) };
  const services = {
    reader: new ReviewReader(stores.reviews, stores.products),
    reviews: new ReviewService(stores.reviews, stores.products, outbox, transactor(db, wake)),
  };
  return { stores, services };
}

export type Ratings = ReturnType<typeof createRatings>;

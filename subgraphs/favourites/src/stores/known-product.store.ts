import { KnownProductReplica } from '@shop/events';
import { knownProducts } from '../db/schema';

/** The catalog's product ids as learnt from product events (ids only). */
export class KnownProductStore extends KnownProductReplica<typeof knownProducts> {
  constructor() {
    super(knownProducts);
  }
}

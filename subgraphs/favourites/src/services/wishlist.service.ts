import type { PayloadFailure } from '@shop/subgraph-kit';
import type { Transact } from '@shop/db';
import type { WishlistEvents } from '../events/wishlist-events';
import type { KnownProductStore } from '../stores/known-product.store';
import type { WishlistItemRecord, WishlistStore } from '../stores/wishlist.store';

export type WishlistErrorCode = 'UNKNOWN_PRODUCT';
export type WishlistFailure = PayloadFailure<WishlistErrorCode>;
export type WishlistResult = { item: WishlistItemRecord | null; errors: [] } | { item: null; errors: WishlistFailure[] };

const unknownProduct = (): WishlistResult => ({
  item: null,
  errors: [{ code: 'UNKNOWN_PRODUCT', field: 'productId', message: 'No product with this id is in the catalog' }],
});

/** Product ids are opaque, but nothing this long (or with a NUL) can name a catalog product. */
const plausibleProductId = (productId: string) => productId.length > 0 && productId.length <= 200 && !productId.includes('\0');

/** Changes to a shopper's wishlist: idempotent, safe under concurrency, each change announced. */
export class WishlistService {
  constructor(
    private readonly items: WishlistStore,
    private readonly known: KnownProductStore,
    private readonly events: WishlistEvents,
    private readonly transact: Transact,
  ) {}

  /** Adding twice keeps one item: the unique (user, product) index lets only the first insert win. */
  async add(userId: string, productId: string): Promise<WishlistResult> {
    if (!plausibleProductId(productId)) return unknownProduct();
    return this.transact(async (tx) => {
      if (!(await this.known.lockIfKnown(productId, tx))) return unknownProduct();
      const inserted = await this.items.insert(userId, productId, tx);
      if (inserted) await this.events.added(tx, inserted);
      const item = inserted ?? (await this.items.find(userId, productId, tx));
      return { item, errors: [] };
    });
  }

  /** Removing an absent item succeeds with a null item, unless the catalog does not know the product at all. */
  async remove(userId: string, productId: string): Promise<WishlistResult> {
    if (!plausibleProductId(productId)) return unknownProduct();
    return this.transact(async (tx) => {
      const removed = await this.items.delete(userId, productId, tx);
      if (removed) {
        await this.events.removed(tx, removed, 'removed');
        return { item: removed, errors: [] };
      }
      return (await this.known.lockIfKnown(productId, tx)) ? { item: null, errors: [] } : unknownProduct();
    });
  }
}

import type { Executor } from '@shop/db';
import { appendToOutbox, wishlistItemAdded, wishlistItemRemoved, type WishlistItemRemoved } from '@shop/events';
import { outbox } from '../db/schema';
import type { WishlistItemRecord } from '../stores/wishlist.store';

/** Records wishlist events in the caller's transaction (keyed by user: one wishlist stays in order). */
export const wishlistEvents = {
  async added(tx: Executor, item: WishlistItemRecord): Promise<void> {
    await appendToOutbox(tx, outbox, wishlistItemAdded, item.userId, {
      itemId: item.id,
      userId: item.userId,
      productId: item.productId,
      addedAt: item.addedAt.toISOString(),
    });
  },
  async removed(tx: Executor, item: WishlistItemRecord, reason: WishlistItemRemoved['reason']): Promise<void> {
    await appendToOutbox(tx, outbox, wishlistItemRemoved, item.userId, { itemId: item.id, userId: item.userId, productId: item.productId, reason });
  },
};

export type WishlistEvents = typeof wishlistEvents;

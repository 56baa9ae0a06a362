import { z } from 'zod';
import { defineEvent } from '../define-event';

/** Every wishlist event, keyed by user id so one shopper's wishlist changes stay in order. */
export const favouritesTopic = 'shop.favourites';

const wishlistItem = z.object({
  itemId: z.string().min(1),
  userId: z.string().min(1),
  productId: z.string().min(1),
});

/** A shopper put a product on their wishlist (not sent again when it was already there). */
export const wishlistItemAdded = defineEvent({
  type: 'wishlist.item-added',
  topic: favouritesTopic,
  version: 1,
  schema: wishlistItem.extend({ addedAt: z.iso.datetime({ offset: true }) }),
});

/**
 * A product left a shopper's wishlist: the shopper removed it (`removed`) or the product left
 * the catalog (`product_deleted`).
 */
export const wishlistItemRemoved = defineEvent({
  type: 'wishlist.item-removed',
  topic: favouritesTopic,
  version: 1,
  schema: wishlistItem.extend({ reason: z.enum(['removed', 'product_deleted']) }),
});

export type WishlistItemAdded = z.infer<typeof wishlistItemAdded.schema>;
export type WishlistItemRemoved = z.infer<typeof wishlistItemRemoved.schema>;

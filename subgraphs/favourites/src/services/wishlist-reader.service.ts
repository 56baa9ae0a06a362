import {
  type Connection,
  countByKey,
  isOwnerOrAdmin,
  isUuid,
  pageSize,
  requireOwnerOrAdmin,
  requireViewer,
  rowByKey,
  sequenceCursor,
  type SubgraphContext,
} from '@shop/subgraph-kit';
import type { WishlistItemRecord, WishlistStore } from '../stores/wishlist.store';

const pages = sequenceCursor('wishlist');

const empty: Connection<WishlistItemRecord> = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: 0,
};

/** Reads of wishlists and favourite counts: authorization and per-request batching live here. */
export class WishlistReader {
  constructor(private readonly items: WishlistStore) {}

  /** A wishlist is private: only its owner and admins may read it. */
  private assertMayRead(context: SubgraphContext, userId: string): void {
    requireOwnerOrAdmin(requireViewer(context), userId, 'Only the user themself may see their wishlist');
  }

  async page(context: SubgraphContext, userId: string, first: number | null | undefined, after: string | null | undefined) {
    this.assertMayRead(context, userId);
    const size = pageSize(first);
    const beforeSeq = pages.decode(after);
    // An admin may ask for any id; one that is not a UUID cannot own items.
    if (!isUuid(userId)) return { ...empty, pageInfo: { ...empty.pageInfo, hasPreviousPage: beforeSeq !== null } };
    const [rows, total] = await Promise.all([this.items.page(userId, beforeSeq, size + 1), this.items.countForUser(userId)]);
    return pages.toPage(rows, size, total, beforeSeq);
  }

  /** A WishlistItem reference: null for items that do not exist or that the caller may not see. */
  async item(context: SubgraphContext, id: string): Promise<WishlistItemRecord | null> {
    if (!context.viewer || !isUuid(id)) return null;
    const item = await rowByKey(
      context,
      'wishlist.itemById',
      (ids) => this.items.findByIds(ids),
      (row) => row.id,
    ).load(id.toLowerCase());
    return item && isOwnerOrAdmin(context.viewer, item.userId) ? item : null;
  }

  /** One query for every product of the request (an `_entities` call of 20 products costs one round trip). */
  favouriteCount(context: SubgraphContext, productId: string): Promise<number> {
    return countByKey(context, 'wishlist.favouriteCount', (ids) => this.items.favouriteCounts(ids)).load(productId);
  }
}

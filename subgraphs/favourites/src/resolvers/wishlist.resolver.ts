import { requireViewer } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { WishlistReader } from '../services/wishlist-reader.service';
import type { WishlistService } from '../services/wishlist.service';

export function wishlistResolvers(wishlist: WishlistService, reader: WishlistReader): Resolvers {
  return {
    User: {
      __resolveReference: (ref) => ({ id: ref.id }),
      wishlist: (user, { first, after }, context) => reader.page(context, user.id, first, after),
    },
    WishlistItem: {
      __resolveReference: (ref, context) => reader.item(context, ref.id),
      product: (item) => ({ id: item.productId }),
    },
    Mutation: {
      addToWishlist: (_parent, { productId }, context) => wishlist.add(requireViewer(context).userId, productId),
      removeFromWishlist: (_parent, { productId }, context) => wishlist.remove(requireViewer(context).userId, productId),
    },
  };
}

import type { Resolvers } from '../__generated__/resolvers-types';
import type { WishlistReader } from '../services/wishlist-reader.service';

export function productResolvers(reader: WishlistReader): Resolvers {
  return {
    Product: {
      // No query here: the counts of every product in the request are loaded together below.
      __resolveReference: (ref) => ({ id: ref.id }),
      favouriteCount: (product, _args, context) => reader.favouriteCount(context, product.id),
    },
  };
}

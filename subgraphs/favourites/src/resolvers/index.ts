import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { WishlistReader } from '../services/wishlist-reader.service';
import type { WishlistService } from '../services/wishlist.service';
import { productResolvers } from './product.resolver';
import { wishlistResolvers } from './wishlist.resolver';

export function resolvers(services: { wishlist: WishlistService; reader: WishlistReader }): Resolvers {
  return mergeResolvers<Resolvers>({ DateTime: DateTimeScalar }, wishlistResolvers(services.wishlist, services.reader), productResolvers(services.reader));
}

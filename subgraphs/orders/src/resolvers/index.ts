import { DateTimeScalar } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartReader } from '../services/cart-reader.service';
import type { CartService } from '../services/cart.service';
import { cartMutationResolvers } from './cart-mutation.resolver';
import { cartResolvers } from './cart.resolver';

export function resolvers(services: { reader: CartReader; carts: CartService }): Resolvers {
  return {
    DateTime: DateTimeScalar,
    ...cartResolvers(services.reader),
    ...cartMutationResolvers(services.carts),
  };
}

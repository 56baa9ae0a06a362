import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Orders } from '../orders';
import { cartMutationResolvers } from './cart-mutation.resolver';
import { cartResolvers } from './cart.resolver';
import { orderMutationResolvers } from './order-mutation.resolver';
import { orderResolvers } from './order.resolver';
import { returnResolvers } from './returns.resolver';

export function resolvers(orders: Orders): Resolvers {
  return mergeResolvers<Resolvers>(
    { DateTime: DateTimeScalar },
    cartResolvers(orders.reader),
    cartMutationResolvers(orders.carts, orders.guestCarts),
    orderResolvers(orders.orderReader),
    orderMutationResolvers(orders.orderService, orders.orderReader, orders.feed, orders.guestOrders),
    returnResolvers(orders.returns, orders.orderReader),
  );
}

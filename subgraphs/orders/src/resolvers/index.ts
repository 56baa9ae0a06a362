import { DateTimeScalar } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Orders } from '../orders';
import { cartMutationResolvers } from './cart-mutation.resolver';
import { cartResolvers } from './cart.resolver';
import { orderMutationResolvers } from './order-mutation.resolver';
import { orderResolvers } from './order.resolver';

export function resolvers(orders: Orders): Resolvers {
  const parts: Resolvers[] = [
    { DateTime: DateTimeScalar },
    cartResolvers(orders.reader),
    cartMutationResolvers(orders.carts),
    orderResolvers(orders.orderReader),
    orderMutationResolvers(orders.orderService, orders.orderReader, orders.feed),
  ];
  // Several parts define fields of Query and Mutation: merge per type, not per part.
  const merged: Record<string, object> = {};
  for (const part of parts) for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...fields };
  return merged as Resolvers;
}

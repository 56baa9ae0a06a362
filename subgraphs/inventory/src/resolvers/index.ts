import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Inventory } from '../inventory';
import { movementResolvers } from './movement.resolver';
import { productResolvers } from './product.resolver';

export function resolvers(inventory: Inventory): Resolvers {
  return mergeResolvers<Resolvers>(
    { DateTime: DateTimeScalar },
    productResolvers(inventory.stock),
    movementResolvers(inventory.adjustments, inventory.movements),
  );
}

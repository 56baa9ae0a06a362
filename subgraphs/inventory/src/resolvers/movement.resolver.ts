import type { Resolvers } from '../__generated__/resolvers-types';
import type { AdjustStockService } from '../services/adjust-stock.service';
import type { MovementReader } from '../services/movement-reader.service';

const movementKinds = { adjustment: 'ADJUSTMENT', sale: 'SALE', restock: 'RESTOCK' } as const;

export function movementResolvers(adjustments: AdjustStockService, movements: MovementReader): Resolvers {
  return {
    StockMovement: {
      product: (movement) => ({ id: movement.productId }),
      variant: (movement) => ({ id: movement.variantId }),
      kind: (movement) => movementKinds[movement.kind],
      actor: (movement) => (movement.actorId ? { id: movement.actorId } : null),
    },
    Query: {
      stockMovements: (_parent, { productId, variantId, first, after }, context) => movements.page(context, { productId, variantId }, first, after),
    },
    Mutation: {
      adjustStock: (_parent, { input }, context) => adjustments.adjust(context, input),
    },
  };
}

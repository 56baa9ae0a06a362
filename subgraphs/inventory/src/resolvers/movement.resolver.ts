import type { Resolvers } from '../__generated__/resolvers-types';
import type { AdjustStockService } from '../services/adjust-stock.service';
import type { MovementReader } from '../services/movement-reader.service';

export function movementResolvers(adjustments: AdjustStockService, movements: MovementReader): Resolvers {
  return {
    StockMovement: {
      product: (movement) => ({ id: movement.productId }),
      kind: (movement) => (movement.kind === 'sale' ? 'SALE' : 'ADJUSTMENT'),
      actor: (movement) => (movement.actorId ? { id: movement.actorId } : null),
    },
    Query: {
      stockMovements: (_parent, { productId, first, after }, context) => movements.page(context, productId, first, after),
    },
    Mutation: {
      adjustStock: (_parent, { input }, context) => adjustments.adjust(context, input),
    },
  };
}

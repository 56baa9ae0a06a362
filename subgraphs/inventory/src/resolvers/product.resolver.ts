import type { Resolvers } from '../__generated__/resolvers-types';
import type { StockService } from '../services/stock.service';

export function productResolvers(stock: StockService): Resolvers {
  return {
    Product: {
      // No query here: the stock of every product in the request is loaded together below.
      __resolveReference: (ref) => ({ id: ref.id }),
      stock: async (product, _args, context) => (await stock.availability(context, product.id)).stock,
      inStock: async (product, _args, context) => (await stock.availability(context, product.id)).inStock,
    },
  };
}

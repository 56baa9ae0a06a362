import type { Resolvers } from '../__generated__/resolvers-types';
import type { StockService } from '../services/stock.service';

export function productResolvers(stock: StockService): Resolvers {
  return {
    Product: {
      // No query here: the stock of every product in the request is loaded together below.
      __resolveReference: (ref) => ({ id: ref.id }),
      stock: async (product, _args, context) => (await stock.productAvailability(context, product.id)).stock,
      inStock: async (product, _args, context) => (await stock.productAvailability(context, product.id)).inStock,
    },
    ProductVariant: {
      __resolveReference: (ref) => ({ id: ref.id }),
      stock: async (variant, _args, context) => (await stock.variantAvailability(context, variant.id)).stock,
      inStock: async (variant, _args, context) => (await stock.variantAvailability(context, variant.id)).inStock,
    },
  };
}

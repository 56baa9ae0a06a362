import type { Resolvers } from '../__generated__/resolvers-types';
import type { ProductPricingService } from '../services/product-pricing.service';

export function productResolvers(pricing: ProductPricingService): Resolvers {
  return {
    Product: {
      // No query here: every product of the request is loaded together by the field resolvers.
      __resolveReference: (ref) => ({ id: ref.id, price: ref.price ?? null }),
      salePrice: (product, _args, context) => (product.price ? pricing.salePrice(context, product.id, product.price) : null),
      activePromotions: (product, _args, context) => pricing.activePromotions(context, product.id),
    },
    ProductVariant: {
      // Batched like Product: every variant of the request is loaded together.
      __resolveReference: (ref) => ({ id: ref.id, price: ref.price ?? null }),
      salePrice: (variant, _args, context) => (variant.price ? pricing.variantSalePrice(context, variant.id, variant.price) : null),
    },
  };
}

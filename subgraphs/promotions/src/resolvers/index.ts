import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartDiscountService } from '../services/cart-discount.service';
import type { ProductPricingService } from '../services/product-pricing.service';
import type { PromotionService } from '../services/promotion.service';
import type { QuoteService } from '../services/quote.service';
import { cartResolvers } from './cart.resolver';
import { productResolvers } from './product.resolver';
import { promotionResolvers } from './promotion.resolver';
import { quoteResolvers } from './quote.resolver';

export function resolvers(services: {
  promotions: PromotionService;
  pricing: ProductPricingService;
  quotes: QuoteService;
  carts: CartDiscountService;
}): Resolvers {
  return mergeResolvers<Resolvers>(
    { DateTime: DateTimeScalar },
    promotionResolvers(services.promotions),
    quoteResolvers(services.quotes),
    productResolvers(services.pricing),
    cartResolvers(services.carts),
  );
}
